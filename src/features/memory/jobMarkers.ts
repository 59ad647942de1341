import type { StatusState } from '../../jobs/jobStore.ts';

export type JobEdge = 'start' | 'end';

export interface JobMarker {
  readonly t: number;
  readonly edge: JobEdge;
}

const ENDED: readonly StatusState[] = ['done', 'error', 'cancelled'];

/** A job starts when the app enters "transcribing" and ends when it leaves it for an outcome. */
export function jobEdge(previous: StatusState, next: StatusState): JobEdge | null {
  if (next === 'transcribing' && previous !== 'transcribing') return 'start';
  if (previous === 'transcribing' && ENDED.includes(next)) return 'end';
  return null;
}

/** Keeps the markers a chart starting at `since` can show, and at most `max` of them. */
export function keepMarkers(markers: readonly JobMarker[], since: number, max: number): JobMarker[] {
  return markers.filter((m) => m.t >= since).slice(-max);
}
