import { beforeEach, describe, expect, it } from 'vitest';
import { createEditHistory } from '../../src/features/transcript/editHistory.ts';
import { toEditableWords } from '../../src/features/transcript/editableWord.ts';
import { FINISHED_FILES_KEPT, jobActions, jobById, useJobStore } from '../../src/jobs/jobStore.ts';

const word = { text: 'HELLO', start: 0.2, end: 0.6, confidence: 0.9 };
const state = () => useJobStore.getState();

beforeEach(() => jobActions.reset());

describe('a job’s media and edits', () => {
  it('start empty, and the running job takes its media', () => {
    jobActions.beginJob('file', 'clip.wav');
    expect(state().job).toMatchObject({ media: null, edits: null });
    jobActions.attachMedia({ url: 'blob:clip', kind: 'audio' });
    expect(state().job?.media).toEqual({ url: 'blob:clip', kind: 'audio' });
  });

  it('set the edits of the current job or of an earlier one', () => {
    const first = jobActions.beginJob('file', 'first.wav');
    jobActions.appendWords([word], null);
    jobActions.endJob('done', 'Done', 1);
    const second = jobActions.beginJob('file', 'second.wav');
    const edits = { history: createEditHistory(toEditableWords([word])), wordCount: 1 };
    jobActions.setEdits(first, edits);
    expect(jobById(state(), first)?.edits).toBe(edits);
    expect(state().job?.edits).toBeNull();
    jobActions.setEdits(second, edits);
    expect(state().job?.edits).toBe(edits);
    jobActions.setEdits(99, null);
    expect(jobById(state(), 99)).toBeNull();
  });
});

describe('openTranscript', () => {
  it('shows a finished transcript as the current job, the one before going to the history', () => {
    jobActions.beginJob('file', 'earlier.wav');
    jobActions.endJob('done', 'Done', 1);
    const id = jobActions.openTranscript({ source: 'saved.json', words: [word], media: null, durationSeconds: 60 });
    expect(state().job).toMatchObject({ id, source: 'saved.json', words: [word], outcome: 'done', durationSeconds: 60 });
    expect(state().history.map((j) => j.source)).toEqual(['earlier.wav']);
  });

  it('does not displace a running job: the transcript goes first in the history', () => {
    jobActions.beginJob('live', 'Microphone recording 10:00');
    const id = jobActions.openTranscript({ source: 'saved.json', words: [word], media: { url: 'blob:x', kind: 'video' }, durationSeconds: null });
    expect(state().job?.source).toBe('Microphone recording 10:00');
    expect(jobById(state(), id)).toMatchObject({ source: 'saved.json', media: { url: 'blob:x', kind: 'video' } });
  });
});

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
