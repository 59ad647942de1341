import { describe, expect, it } from 'vitest';
import { jobProgress } from '../../src/jobs/jobProgress.ts';

describe('job progress', () => {
  it('derives fraction, time left and real-time factor', () => {
    expect(jobProgress(30, 120, 3)).toEqual({ fraction: 0.25, elapsedSeconds: 3, remainingSeconds: 9, realTimeFactor: 0.1 });
    expect(jobProgress(0, null, 1)).toEqual({ fraction: null, elapsedSeconds: 1, remainingSeconds: null, realTimeFactor: null });
    expect(jobProgress(10, null, 1).remainingSeconds).toBeNull();
  });
});
