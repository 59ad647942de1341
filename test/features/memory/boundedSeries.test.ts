import { describe, expect, it } from 'vitest';
import { BoundedSeries } from '../../../src/features/memory/boundedSeries.ts';

describe('BoundedSeries', () => {
  it('stays within its capacity, keeps the first time and never loses the peak', () => {
    const series = new BoundedSeries(8);
    for (let i = 0; i < 1000; i++) series.add({ t: i, bytes: i === 537 ? 999 : i % 10 });
    const values = series.values();
    expect(values.length).toBeLessThanOrEqual(9);
    expect(values[0].t).toBe(0);
    expect(Math.max(...values.map((p) => p.bytes))).toBe(999);
    const times = values.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps every point until full', () => {
    const series = new BoundedSeries(4);
    series.add({ t: 1, bytes: 10 });
    series.add({ t: 2, bytes: 30 });
    series.add({ t: 3, bytes: 20 });
    expect(series.values()).toEqual([
      { t: 1, bytes: 10 },
      { t: 2, bytes: 30 },
      { t: 3, bytes: 20 },
    ]);
    series.add({ t: 4, bytes: 5 });
    expect(series.values()).toEqual([
      { t: 1, bytes: 30 },
      { t: 3, bytes: 20 },
    ]);
  });

  it('rejects an odd capacity', () => expect(() => new BoundedSeries(3)).toThrow(RangeError));
});
