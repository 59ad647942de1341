import { describe, expect, it } from 'vitest';
import { isolationReload, pageActivity, reloadButton, type PageActivity } from '../../../src/features/offline/reloadPolicy.ts';
import { useJobStore, type JobsState } from '../../../src/jobs/jobStore.ts';

const idle: PageActivity = { status: 'idle', jobRunning: false, recording: false, hasTranscript: false, queued: 0 };
const transcribing: PageActivity = { ...idle, status: 'transcribing', jobRunning: true, hasTranscript: true };

describe('reload policy', () => {
  it('reloads for isolation only when nothing would be lost, once', () => {
    expect(isolationReload(idle, false)).toBe('reload');
    expect(isolationReload({ ...idle, status: 'error' }, false)).toBe('reload');
    expect(isolationReload(idle, true)).toBe('none');
  });

  it('waits for a model download, a job or queued files', () => {
    expect(isolationReload({ ...idle, status: 'loading-model' }, false)).toBe('wait');
    expect(isolationReload({ ...idle, status: 'transcribing', jobRunning: true, hasTranscript: true }, false)).toBe('wait');
    expect(isolationReload({ ...idle, queued: 2 }, false)).toBe('wait');
  });

  it('asks when a transcript is on screen', () => {
    expect(isolationReload({ ...idle, status: 'done', hasTranscript: true }, false)).toBe('ask');
    expect(isolationReload({ ...idle, status: 'cancelled', hasTranscript: true }, false)).toBe('ask');
  });

  it('without the library, disables the reload button during work and warns about transcripts', () => {
    expect(reloadButton(idle)).toEqual({ enabled: true, note: null });
    expect(reloadButton(transcribing).enabled).toBe(false);
    expect(reloadButton({ ...idle, queued: 1 }).enabled).toBe(false);
    expect(reloadButton({ ...idle, status: 'loading-model' }).enabled).toBe(false);
    const done = reloadButton({ ...idle, status: 'done', hasTranscript: true });
    expect(done.enabled).toBe(true);
    expect(done.note).toMatch(/cannot save transcripts.*clears the transcripts.*export/);
  });

  it('does not warn about transcripts the library keeps', () => {
    expect(reloadButton({ ...idle, status: 'done', hasTranscript: true }, true)).toEqual({ enabled: true, note: null });
  });

  it('with the library, reloads mid-job and says the job resumes after it', () => {
    const button = reloadButton(transcribing, true);
    expect(button.enabled).toBe(true);
    expect(button.note).toMatch(/saved first.*Resume/);
    expect(reloadButton({ ...transcribing, queued: 2 }, true).note).toMatch(/Resume.*The 2 files waiting in the queue must be added again/);
    expect(reloadButton({ ...idle, queued: 1 }, true)).toEqual({ enabled: true, note: 'The file waiting in the queue must be added again after the reload.' });
  });

  it('with the library, still waits for a model download and for a recording', () => {
    expect(reloadButton({ ...idle, status: 'loading-model' }, true).enabled).toBe(false);
    const recording = reloadButton({ ...transcribing, recording: true }, true);
    expect(recording).toEqual({ enabled: false, note: 'Reloading waits until the recording is stopped.' });
  });

  it('reads the activity from the app state', () => {
    const state: JobsState = {
      ...useJobStore.getState(),
      status: { state: 'transcribing', message: '' },
      queue: [{ id: 2, file: new File([], 'b.wav') }],
      job: { id: 1, kind: 'file', source: 'a.wav', words: [], pending: null, durationSeconds: null, progress: null, warning: null, outcome: 'running', media: null, edits: null },
    };
    expect(pageActivity(state)).toEqual({ status: 'transcribing', jobRunning: true, recording: false, hasTranscript: true, queued: 1 });
    expect(pageActivity({ ...state, job: { ...state.job!, kind: 'live' } }).recording).toBe(true);
    expect(pageActivity(useJobStore.getState())).toMatchObject({ jobRunning: false, recording: false, hasTranscript: false, queued: 0 });
  });
});
