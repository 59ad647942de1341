/**
 * Heights of a list's rows (estimated until measured) and the offsets they add up to, for a view
 * that renders only the rows near the viewport. A Fenwick tree: changing a height, finding a
 * row's offset and finding the row at an offset each cost O(log n), so measuring rows as they
 * render stays cheap for thousands of paragraphs.
 */
export class HeightIndex {
  private readonly heights: Float64Array;
  private readonly tree: Float64Array;

  constructor(heights: ArrayLike<number>) {
    const n = heights.length;
    this.heights = Float64Array.from(heights);
    this.tree = new Float64Array(n + 1);
    // Linear-time build: each node passes its sum to its parent.
    for (let i = 1; i <= n; i++) {
      this.tree[i] += this.heights[i - 1];
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] += this.tree[i];
    }
  }

  get count(): number {
    return this.heights.length;
  }

  /** Sets row `row`'s height; returns whether it changed. */
  set(row: number, height: number): boolean {
    const delta = height - this.heights[row];
    if (delta === 0) return false;
    this.heights[row] = height;
    for (let i = row + 1; i <= this.heights.length; i += i & -i) this.tree[i] += delta;
    return true;
  }

  /** Sum of the heights of the rows before `row` (the total for `row === count`). */
  offsetOf(row: number): number {
    let sum = 0;
    for (let i = row; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  get total(): number {
    return this.offsetOf(this.heights.length);
  }

  /** The row that covers `offset`: the last whose offset is at or before it (0 before the first, the last past the end). */
  rowAt(offset: number): number {
    const n = this.heights.length;
    if (n === 0) return -1;
    let row = 0;
    let remaining = offset;
    for (let step = 1 << Math.floor(Math.log2(n)); step > 0; step >>= 1) {
      const next = row + step;
      if (next <= n && this.tree[next] <= remaining) {
        row = next;
        remaining -= this.tree[next];
      }
    }
    return Math.min(row, n - 1);
  }
}

export interface RowWindow {
  /** First row to render. */
  readonly first: number;
  /** Row after the last to render. */
  readonly end: number;
}

/**
 * Rows to render for a viewport of `height` scrolled to `top`: those it shows, and `overscan`
 * pixels of rows on either side, so a short scroll finds them rendered.
 */
export function visibleRows(index: HeightIndex, top: number, height: number, overscan: number): RowWindow {
  if (index.count === 0) return { first: 0, end: 0 };
  const first = index.rowAt(Math.max(0, top - overscan));
  const last = index.rowAt(top + height + overscan);
  return { first, end: last + 1 };
}
