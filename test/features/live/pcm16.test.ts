import { describe, expect, it } from 'vitest';
import { floatToPcm16, pcm16ToFloat } from '../../../src/features/live/pcm16.ts';

describe('16-bit PCM', () => {
  it('rounds, clamps, and reads back as value / 32768', () => {
    const pcm = floatToPcm16(Float32Array.from([0, 0.5, -0.5, 1, -1, 1.5, -2, 1 / 65536 + 1e-9]));
    expect([...pcm]).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768, 1]);
    expect([...pcm16ToFloat(Int16Array.from([16384, -32768, 1]))]).toEqual([0.5, -1, 1 / 32768]);
  });

  it('is stable: converting back and forth again changes nothing', () => {
    const pcm = floatToPcm16(Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7)));
    expect(floatToPcm16(pcm16ToFloat(pcm))).toEqual(pcm);
  });
});
