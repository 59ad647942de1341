import { describe, expect, it } from 'vitest';
import { planResume } from '../../../src/engine/asr/resumePlan.ts';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { geometry } from '../../support/toyCtc.ts';

// 20 s windows, 2 s stride: window k starts at 16 k s and keeps frames from 16 k + 2 s on.
const settings = windowSettings(geometry, 20, 2);
const word = (start: number, end: number) => ({ text: 'W', start, end });

describe('where an interrupted stream resumes', () => {
  it('goes back to the latest window whose first kept frame lies between words', () => {
    const plan = planResume(settings, { committedSeconds: 50, pendingStartSeconds: null, lastWords: [word(45, 46), word(49, 49.8)] }, 16_000);
    expect(plan).toEqual({ startSample: 48 * 16_000, fromFrame: (50 * 16_000) / 320 });
  });

  it('steps back a window when that frame falls inside a word', () => {
    const plan = planResume(settings, { committedSeconds: 50, pendingStartSeconds: null, lastWords: [word(49.5, 50.5)] }, 16_000);
    expect(plan).toEqual({ startSample: 32 * 16_000, fromFrame: (34 * 16_000) / 320 });
  });

  it('never resumes past the start of the word being spelled at the committed edge', () => {
    const plan = planResume(settings, { committedSeconds: 50, pendingStartSeconds: 33, lastWords: [] }, 16_000);
    expect(plan.startSample).toBe(16 * 16_000);
    expect((plan.fromFrame * 320) / 16_000).toBe(18);
  });

  it('starts from the beginning when nothing was committed past the first window', () => {
    expect(planResume(settings, { committedSeconds: 17, pendingStartSeconds: null, lastWords: [] }, 16_000)).toEqual({ startSample: 0, fromFrame: 0 });
  });
});
