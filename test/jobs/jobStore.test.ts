import { beforeEach, describe, expect, it } from 'vitest';
import { createEditHistory } from '../../src/features/transcript/editHistory.ts';
import { toEditableWords } from '../../src/features/transcript/editableWord.ts';
import { jobActions, jobById, useJobStore } from '../../src/jobs/jobStore.ts';

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
    jobActions.beginJob('file', 'first.wav', 1);
    jobActions.appendWords([word], null);
    jobActions.endJob('done', 'Done', 1);
    jobActions.beginJob('file', 'second.wav', 2);
    const edits = { history: createEditHistory(toEditableWords([word])), wordCount: 1 };
    jobActions.setEdits(1, edits);
    expect(jobById(state(), 1)?.edits).toBe(edits);
    expect(state().job?.edits).toBeNull();
    jobActions.setEdits(2, edits);
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
