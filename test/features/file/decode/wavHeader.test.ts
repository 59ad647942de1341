import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchedHeader, readWavHeader } from '../../../../src/features/file/decode/wavHeader.ts';
import { TONES } from '../../../support/sharedFixtures.ts';

/** A 16 kHz mono clip: "RIFF", "fmt " (16 bytes), then "data" at 36, samples from 44. */
const clip = new Uint8Array(readFileSync(path.join(TONES, 'sentences/s-00.wav')));
const DATA_SIZE = clip.length - 44;

function withSizes(riffSize: number, dataSize: number, bytes = clip): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(4, riffSize, true);
  view.setUint32(40, dataSize, true);
  return copy;
}

const u32 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);

describe('readWavHeader', () => {
  it('leaves a complete header alone', () => {
    expect(readWavHeader(clip, clip.length)).toEqual({ dataStart: 44, patches: [], cutOff: false });
  });

  it.each([
    ['0', 0, 0],
    ['0xFFFFFFFF', 0xffffffff, 0xffffffff],
    ['0 in the data chunk only', clip.length - 8, 0],
    ['0 in the RIFF chunk only', 0, DATA_SIZE],
  ])('fills in sizes left at %s by a streaming writer', (_, riffSize, dataSize) => {
    const bytes = withSizes(riffSize, dataSize);
    const reading = readWavHeader(bytes, bytes.length)!;
    expect(reading.cutOff).toBe(false);
    const mended = patchedHeader(bytes.subarray(0, reading.dataStart), reading.patches);
    expect(u32(mended, 40)).toBe(DATA_SIZE);
    expect(u32(mended, 4) + 8).toBeGreaterThanOrEqual(clip.length);
    expect(mended.subarray(0, 4)).toEqual(clip.subarray(0, 4));
  });

  it('calls a header that promises ten hours of a few seconds cut off, and keeps its sizes', () => {
    const tenHours = 10 * 3600 * 16_000 * 2;
    const bytes = withSizes(36 + tenHours, tenHours);
    expect(readWavHeader(bytes, bytes.length)).toEqual({ dataStart: 44, patches: [], cutOff: true });
  });

  it('calls the complete header of a file that lost its end cut off', () => {
    expect(readWavHeader(clip.subarray(0, 1000), 1000)?.cutOff).toBe(true);
  });

  it('finds the data chunk behind other chunks', () => {
    const list = new Uint8Array([...new TextEncoder().encode('LIST'), 5, 0, 0, 0, 1, 2, 3, 4, 5, 0]);
    const bytes = new Uint8Array([...clip.subarray(0, 36), ...list, ...withSizes(0, 0).subarray(36)]);
    const reading = readWavHeader(bytes, bytes.length)!;
    expect(reading.dataStart).toBe(44 + list.length);
    expect(u32(patchedHeader(bytes.subarray(0, reading.dataStart), reading.patches), 40 + list.length)).toBe(DATA_SIZE);
  });

  it('reads nothing in what is no RIFF WAVE, or holds no data chunk', () => {
    expect(readWavHeader(new TextEncoder().encode('RIFF\0\0\0\0AVI LIST'), 100)).toBeNull();
    expect(readWavHeader(clip.subarray(0, 36), clip.length)).toBeNull();
    expect(readWavHeader(new Uint8Array(0), 0)).toBeNull();
  });
});
