import type { SeriesPoint } from './boundedSeries.ts';
import type { JobEdge, JobMarker } from './jobMarkers.ts';

const MIB = 1024 * 1024;

/** The smallest 1, 2 or 5 × 10ⁿ MiB at or above `bytes`, so the axis reads at a glance. */
export function niceCeilingBytes(bytes: number): number {
  const mib = Math.max(bytes / MIB, 1);
  const decade = 10 ** Math.floor(Math.log10(mib));
  const step = [1, 2, 5, 10].find((f) => f * decade >= mib)!;
  return step * decade * MIB;
}

export interface ChartGeometry {
  /** SVG polyline points, "x,y x,y …", y growing downwards. */
  readonly line: string;
  readonly peakY: number;
  readonly markers: ReadonlyArray<{ readonly x: number; readonly edge: JobEdge }>;
  readonly topBytes: number;
  readonly spanMs: number;
}

/** Lays a series and its job markers out in a width × height box; null without points. */
export function chartGeometry(
  series: readonly SeriesPoint[],
  markers: readonly JobMarker[],
  width: number,
  height: number,
): ChartGeometry | null {
  if (series.length === 0) return null;
  const t0 = series[0].t;
  const spanMs = Math.max(series[series.length - 1].t - t0, 1);
  const peak = Math.max(...series.map((p) => p.bytes));
  const topBytes = niceCeilingBytes(peak);
  const x = (t: number) => Math.round(((t - t0) / spanMs) * width * 10) / 10;
  const y = (bytes: number) => Math.round((height - (bytes / topBytes) * height) * 10) / 10;
  return {
    line: series.map((p) => `${x(p.t)},${y(p.bytes)}`).join(' '),
    peakY: y(peak),
    markers: markers.filter((m) => m.t >= t0 && m.t <= t0 + spanMs).map((m) => ({ x: x(m.t), edge: m.edge })),
    topBytes,
    spanMs,
  };
}
