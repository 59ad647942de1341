import { describe, expect, it } from 'vitest';
import { normalizeInPlace } from '../../../src/engine/asr/normalizeAudio.ts';

describe('normalisation', () => {
  it('gives zero mean and unit variance over the valid samples and zeroes the padding', () => {
    const buffer = new Float32Array([1, 2, 3, 4, 9, 9]);
    normalizeInPlace(buffer, 4);
    const valid = Array.from(buffer.subarray(0, 4));
    const mean = valid.reduce((a, b) => a + b) / 4;
    const variance = valid.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(variance).toBeCloseTo(1, 4);
    expect(Array.from(buffer.subarray(4))).toEqual([0, 0]);
  });

  it('leaves silence silent', () => {
    const buffer = new Float32Array(8);
    normalizeInPlace(buffer, 8);
    expect(Array.from(buffer)).toEqual(new Array(8).fill(0));
  });
});
