import { describe, expect, it } from 'vitest';
import { SampleRing } from '../../../src/features/live/sampleRing.ts';
import { ramp } from '../../support/ramp.ts';

describe('sample ring', () => {
  it('hands samples out in order across the wrap-around', () => {
    const ring = new SampleRing(10);
    expect(ring.write(ramp(0, 7))).toBe(7);
    expect([...ring.read(new Float32Array(5))]).toEqual([0, 1, 2, 3, 4]);
    expect(ring.write(ramp(7, 6))).toBe(6); // wraps: 3 at the end, 3 at the start
    expect(ring.length).toBe(8);
    expect([...ring.read(new Float32Array(16))]).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(ring.length).toBe(0);
    expect(ring.read(new Float32Array(16)).length).toBe(0);
  });

  it('never overwrites unread samples and says how many did not fit', () => {
    const ring = new SampleRing(4);
    expect(ring.write(ramp(0, 3))).toBe(3);
    expect(ring.write(ramp(3, 3))).toBe(1);
    expect([...ring.read(new Float32Array(16))]).toEqual([0, 1, 2, 3]);
  });

  it('keeps its memory fixed however much passes through', () => {
    const ring = new SampleRing(1000);
    let next = 0;
    let expected = 0;
    for (let round = 0; round < 500; round++) {
      next += ring.write(ramp(next, 1 + ((round * 37) % 300)));
      const out = ring.read(new Float32Array(1 + ((round * 53) % 250)));
      for (const value of out) expect(value).toBe(expected++);
    }
    expect(ring.capacity).toBe(1000);
    expect(ring.length).toBeLessThanOrEqual(1000);
  });

  it("reads into the caller's array (transferable, not a view of the ring), as much as fits", () => {
    const ring = new SampleRing(8);
    ring.write(ramp(0, 6));
    const into = new Float32Array(4);
    const out = ring.read(into);
    expect(out.buffer).toBe(into.buffer);
    expect([...out]).toEqual([0, 1, 2, 3]);
    expect([...ring.read(new Float32Array(4))]).toEqual([4, 5]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SampleRing(0)).toThrow(RangeError);
  });
});
