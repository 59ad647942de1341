import type { JobsState, StatusState } from '../../jobs/jobStore.ts';

/** What a reload of the page would cut short or throw away. */
export interface PageActivity {
  readonly status: StatusState;
  /** A job (file or microphone) is running. */
  readonly jobRunning: boolean;
  /** The running job is a recording: a reload would stop the microphone mid-sentence. */
  readonly recording: boolean;
  /** A transcript is on screen (running or finished): it lives only in this page. */
  readonly hasTranscript: boolean;
  /** Files waiting their turn. */
  readonly queued: number;
}

export function pageActivity(state: JobsState): PageActivity {
  return {
    status: state.status.state,
    jobRunning: state.job?.outcome === 'running',
    recording: state.job?.outcome === 'running' && state.job.kind === 'live',
    hasTranscript: state.job !== null,
    queued: state.queue.length,
  };
}

/** True while a reload would cut short work in progress: a model download, a job, queued files. */
export function isBusy(activity: PageActivity): boolean {
  return activity.status === 'loading-model' || activity.status === 'transcribing' || activity.jobRunning || activity.queued > 0;
}

/**
 * What to do when the service worker has just taken control of a page that is not cross-origin
 * isolated (a host without COOP/COEP): only a reload, served through the worker with those
 * headers, makes it isolated.
 * - 'reload' now, when nothing would be lost;
 * - 'wait' while the model downloads or a job runs (ask again when that ends), so neither restarts;
 * - 'ask' the user once a transcript is on screen, since a reload would clear it;
 * - 'none' when a reload was already tried in this tab and did not help (no reload loop).
 */
export function isolationReload(activity: PageActivity, alreadyTried: boolean): 'reload' | 'wait' | 'ask' | 'none' {
  if (alreadyTried) return 'none';
  if (isBusy(activity)) return 'wait';
  if (activity.hasTranscript) return 'ask';
  return 'reload';
}

/**
 * The reload button of an update or isolation notice. With `transcriptsSaved` (the library stores
 * them in this browser) a reload loses nothing: a file being transcribed is saved first and offered
 * for Resume after the reload. It still waits for a model download (which would start over) and for
 * a recording (which would stop mid-sentence). Without the library it waits for any work.
 */
export function reloadButton(activity: PageActivity, transcriptsSaved = false): { readonly enabled: boolean; readonly note: string | null } {
  if (activity.status === 'loading-model') {
    return { enabled: false, note: 'Reloading waits until the model has loaded.' };
  }
  if (!transcriptsSaved) {
    if (isBusy(activity)) {
      return { enabled: false, note: 'Reloading waits until the model has loaded and no file or recording is being transcribed.' };
    }
    if (activity.hasTranscript) {
      return { enabled: true, note: 'This browser cannot save transcripts, so reloading clears the transcripts shown on this page: export or copy them first.' };
    }
    return { enabled: true, note: null };
  }
  if (activity.recording) return { enabled: false, note: 'Reloading waits until the recording is stopped.' };
  const notes: string[] = [];
  if (activity.jobRunning || activity.status === 'transcribing') {
    notes.push('The file being transcribed is saved first: after the reload, Resume in the Library continues it from the last saved window.');
  }
  if (activity.queued > 0) {
    notes.push(activity.queued === 1 ? 'The file waiting in the queue must be added again after the reload.' : `The ${activity.queued} files waiting in the queue must be added again after the reload.`);
  }
  return { enabled: true, note: notes.length === 0 ? null : notes.join(' ') };
}
