import { describe, expect, it } from 'vitest';
import { WAV_HEADER_BYTES, wavHeader } from '../../../src/features/live/wavHeader.ts';

describe('WAV header', () => {
  it('describes 16-bit mono 16 kHz PCM of the given size', () => {
    const header = wavHeader(16_000, 1, 16, 32_000);
    const view = new DataView(header.buffer);
    const text = (at: number) => String.fromCharCode(...header.subarray(at, at + 4));
    expect(header.length).toBe(WAV_HEADER_BYTES);
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(36 + 32_000);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint32(28, true)).toBe(32_000);
    expect(view.getUint16(32, true)).toBe(2);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(32_000);
  });
});
