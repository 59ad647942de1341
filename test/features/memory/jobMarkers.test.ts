import { describe, expect, it } from 'vitest';
import { jobEdge, keepMarkers } from '../../../src/features/memory/jobMarkers.ts';

describe('job markers', () => {
  it('marks a start on entering transcribing and an end on leaving it with an outcome', () => {
    expect(jobEdge('idle', 'transcribing')).toBe('start');
    expect(jobEdge('done', 'transcribing')).toBe('start');
    expect(jobEdge('transcribing', 'transcribing')).toBeNull();
    expect(jobEdge('transcribing', 'done')).toBe('end');
    expect(jobEdge('transcribing', 'cancelled')).toBe('end');
    expect(jobEdge('transcribing', 'error')).toBe('end');
    expect(jobEdge('loading-model', 'error')).toBeNull();
    expect(jobEdge('loading-model', 'idle')).toBeNull();
  });

  it('keeps the markers the chart can show, newest last', () => {
    const markers = [0, 10, 20, 30, 40].map((t) => ({ t, edge: 'start' as const }));
    expect(keepMarkers(markers, 15, 2).map((m) => m.t)).toEqual([30, 40]);
  });
});
