import type { JobsState, StatusState } from '../../jobs/jobStore.ts';

/** What a reload of the page would cut short or throw away. */
export interface PageActivity {
  readonly status: StatusState;
  /** A job (file or microphone) is running. */
  readonly jobRunning: boolean;
  /** A transcript is on screen (running or finished): it lives only in this page. */
  readonly hasTranscript: boolean;
  /** Files waiting their turn. */
  readonly queued: number;
}

export function pageActivity(state: JobsState): PageActivity {
  return {
    status: state.status.state,
    jobRunning: state.job?.outcome === 'running',
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
 * The reload button of an update or isolation notice: never while work is in progress. With
 * `transcriptsSaved` (the library stores them in this browser) a reload loses nothing.
 */
export function reloadButton(activity: PageActivity, transcriptsSaved = false): { readonly enabled: boolean; readonly note: string | null } {
  if (isBusy(activity)) {
    return { enabled: false, note: 'Reloading waits until the model has loaded and no file or recording is being transcribed.' };
  }
  if (activity.hasTranscript && !transcriptsSaved) {
    return { enabled: true, note: 'This browser cannot save transcripts, so reloading clears the transcripts shown on this page: export or copy them first.' };
  }
  return { enabled: true, note: null };
}
