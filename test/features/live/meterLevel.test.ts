import { describe, expect, it } from 'vitest';
import { firstSampleAbove, meterLevel, peakOf } from '../../../src/features/live/meterLevel.ts';

describe('level meter', () => {
  it('maps the peak to 0..1 on a decibel scale', () => {
    expect(peakOf(Float32Array.from([0.1, -0.5, 0.2]))).toBe(0.5);
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(2)).toBe(1);
    expect(meterLevel(0.001)).toBeCloseTo(0, 10); // -60 dBFS
    expect(meterLevel(0.0316)).toBeCloseTo(0.5, 2); // -30 dBFS
  });
});

describe('first sound', () => {
  it('finds the first sample over a threshold', () => {
    expect(firstSampleAbove(Int16Array.from([0, 3, -400, 500]), 327)).toBe(2);
    expect(firstSampleAbove(Int16Array.from([0, 3]), 327)).toBe(-1);
  });
});
