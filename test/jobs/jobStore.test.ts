import { beforeEach, describe, expect, it } from 'vitest';
import { FINISHED_FILES_KEPT, jobActions, useJobStore } from '../../src/jobs/jobStore.ts';

beforeEach(() => jobActions.reset());

const file = (name: string) => new File(['x'], name);

describe('the file queue and the finished files', () => {
  it('clears every waiting file at once', () => {
    expect(jobActions.enqueue([file('a.wav'), file('b.wav'), file('c.wav')])).toBe(3);
    jobActions.clearQueue();
    expect(useJobStore.getState().queue).toEqual([]);
    expect(jobActions.dequeue()).toBeNull();
  });

  it(`lists finished files oldest first, keeping the last ${FINISHED_FILES_KEPT}`, () => {
    for (let i = 0; i < FINISHED_FILES_KEPT + 20; i++) {
      jobActions.fileFinished({ id: i, name: `f${i}.wav`, state: i % 2 ? 'error' : 'done', message: `message ${i}` });
    }
    const { finished } = useJobStore.getState();
    expect(finished).toHaveLength(FINISHED_FILES_KEPT);
    expect(finished[0]).toEqual({ id: 20, name: 'f20.wav', state: 'done', message: 'message 20' });
    expect(finished.at(-1)).toEqual({ id: 119, name: 'f119.wav', state: 'error', message: 'message 119' });
  });
});
