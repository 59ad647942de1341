import { describe, expect, it } from 'vitest';
import { formatDuration, jobProgress } from '../../src/jobs/jobProgress.ts';

describe('job progress', () => {
  it('derives fraction, time left and real-time factor', () => {
    expect(jobProgress(30, 120, 3)).toEqual({ fraction: 0.25, elapsedSeconds: 3, remainingSeconds: 9, realTimeFactor: 0.1 });
    expect(jobProgress(0, null, 1)).toEqual({ fraction: null, elapsedSeconds: 1, remainingSeconds: null, realTimeFactor: null });
    expect(jobProgress(10, null, 1).remainingSeconds).toBeNull();
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(125.4)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
