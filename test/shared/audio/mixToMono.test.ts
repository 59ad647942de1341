import { describe, expect, it } from 'vitest';
import { mixToMono } from '../../../src/shared/audio/mixToMono.ts';

const f32 = (...values: number[]) => new Float32Array(values);

describe('mixToMono', () => {
  it('averages stereo', () => {
    expect(mixToMono([f32(1, 0.5, -1), f32(0, 0.5, 1)], 3, new Float32Array(3))).toEqual(f32(0.5, 0.5, 0));
  });

  it('averages any other channel count', () => {
    expect(mixToMono([f32(0.3), f32(0.6), f32(0.9)], 1, new Float32Array(1))[0]).toBeCloseTo(0.6, 6);
    expect(mixToMono([f32(1), f32(1), f32(1), f32(-1)], 1, new Float32Array(1))).toEqual(f32(0.5));
  });

  it('mixes 5.1 as the Web Audio API does, keeping the centre at full level and dropping LFE', () => {
    const [left, right, centre, lfe, surroundLeft, surroundRight] = [0.1, 0.2, 0.5, 0.9, 0.4, 0.2].map((v) => f32(v));
    const mono = mixToMono([left, right, centre, lfe, surroundLeft, surroundRight], 1, new Float32Array(1));
    expect(mono[0]).toBeCloseTo(Math.SQRT1_2 * 0.3 + 0.5 + 0.5 * 0.6, 6);
  });

  it('mixes in place into the first channel, and only the frames asked for', () => {
    const left = f32(1, 1, 7);
    const result = mixToMono([left, f32(0, -1, 7)], 2, left);
    expect(result).toBe(left);
    expect(left).toEqual(f32(0.5, 0, 7));
  });

  it('copies a single channel', () => {
    const target = new Float32Array(3);
    mixToMono([f32(0.25, -0.5, 9)], 2, target);
    expect(target).toEqual(f32(0.25, -0.5, 0));
    expect(() => mixToMono([], 0, target)).toThrow();
  });
});
