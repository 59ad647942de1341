import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeightIndex, visibleRows } from '../../../src/features/transcript/heightIndex.ts';

const prefix = (heights: readonly number[], row: number) => heights.slice(0, row).reduce((sum, h) => sum + h, 0);

describe('HeightIndex', () => {
  it('adds heights up to offsets and finds the row at an offset', () => {
    const index = new HeightIndex([10, 20, 30]);
    expect([0, 1, 2, 3].map((row) => index.offsetOf(row))).toEqual([0, 10, 30, 60]);
    expect(index.total).toBe(60);
    expect([0, 9.9, 10, 29, 30, 59, 60, 1000, -5].map((offset) => index.rowAt(offset))).toEqual([0, 0, 1, 1, 2, 2, 2, 2, 0]);
  });

  it('takes a measured height in place of an estimate', () => {
    const index = new HeightIndex([10, 10, 10, 10]);
    expect(index.set(1, 25)).toBe(true);
    expect(index.set(1, 25)).toBe(false);
    expect(index.offsetOf(2)).toBe(35);
    expect(index.rowAt(34)).toBe(1);
    expect(index.total).toBe(55);
  });

  it('has no rows for no paragraphs', () => {
    const index = new HeightIndex([]);
    expect(index.total).toBe(0);
    expect(index.rowAt(10)).toBe(-1);
    expect(visibleRows(index, 0, 500, 100)).toEqual({ first: 0, end: 0 });
  });

  it('agrees with plain sums whatever the heights and changes', () => {
    const heights = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(heights, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 400 })), { maxLength: 20 }), fc.nat(), (start, changes, probe) => {
        const expected = [...start];
        const index = new HeightIndex(start);
        for (const [at, height] of changes) {
          expected[at % expected.length] = height;
          index.set(at % expected.length, height);
        }
        for (let row = 0; row <= expected.length; row++) expect(index.offsetOf(row)).toBe(prefix(expected, row));
        const offset = probe % (prefix(expected, expected.length) + 1);
        const row = index.rowAt(offset);
        // The last row that begins at or before the offset.
        expect(prefix(expected, row)).toBeLessThanOrEqual(offset);
        expect(row === expected.length - 1 || prefix(expected, row + 1) > offset).toBe(true);
      }),
    );
  });
});

describe('visibleRows', () => {
  // Forty rows of 100 px.
  const index = new HeightIndex(new Array(40).fill(100));

  it('covers the viewport and the overscan on each side', () => {
    expect(visibleRows(index, 1000, 450, 0)).toEqual({ first: 10, end: 15 });
    expect(visibleRows(index, 1000, 450, 250)).toEqual({ first: 7, end: 18 });
  });

  it('stays within the rows at either end', () => {
    expect(visibleRows(index, 0, 450, 500)).toEqual({ first: 0, end: 10 });
    expect(visibleRows(index, 3800, 450, 500)).toEqual({ first: 33, end: 40 });
  });
});
