export interface SeriesPoint {
  /** Milliseconds on the page's clock (performance.now()). */
  readonly t: number;
  readonly bytes: number;
}

/**
 * A memory time series of bounded length for a chart that spans the whole session. When full, it
 * halves its resolution by merging neighbours, keeping the larger value, so a peak never vanishes
 * and the chart always starts at the first sample.
 */
export class BoundedSeries {
  private points: SeriesPoint[] = [];
  /** Samples merged into each stored point. */
  private merge = 1;
  private pending: SeriesPoint | null = null;
  private pendingCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
      throw new RangeError(`Series capacity must be an even integer ≥ 2, not ${capacity}.`);
    }
  }

  add(point: SeriesPoint): void {
    this.pending =
      this.pending === null ? point : { t: this.pending.t, bytes: Math.max(this.pending.bytes, point.bytes) };
    this.pendingCount++;
    if (this.pendingCount < this.merge) return;
    this.points.push(this.pending);
    this.pending = null;
    this.pendingCount = 0;
    if (this.points.length === this.capacity) {
      const merged: SeriesPoint[] = [];
      for (let i = 0; i < this.points.length; i += 2) {
        const [a, b] = [this.points[i], this.points[i + 1]];
        merged.push({ t: a.t, bytes: Math.max(a.bytes, b.bytes) });
      }
      this.points = merged;
      this.merge *= 2;
    }
  }

  /** Stored points plus the one still being merged, oldest first. */
  values(): SeriesPoint[] {
    return this.pending === null ? [...this.points] : [...this.points, this.pending];
  }
}
