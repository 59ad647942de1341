import { create } from 'zustand';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS, type DevicePreference, type EngineInfo } from '../engine/protocol.ts';
import type { TranscribedWord } from '../shared/transcript.ts';
import type { SavedJob } from './savedJob.ts';
import type { JobEdits } from '../features/transcript/jobEdits.ts';
import type { JobProgress } from './jobProgress.ts';

/** The automation contract's `data-state` values. */
export type StatusState = 'idle' | 'loading-model' | 'transcribing' | 'done' | 'error' | 'cancelled';

export type JobOutcome = 'running' | 'done' | 'cancelled' | 'error';

export interface ModelLoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface QueuedFile {
  readonly id: number;
  readonly file: File;
  /** Set when the file continues a saved job. */
  readonly resume?: SavedJob;
}

/** A file whose job has ended, as the file section lists it. */
export interface FinishedFile {
  readonly id: number;
  readonly name: string;
  readonly state: Exclude<JobOutcome, 'running'>;
  readonly message: string;
}

/** Finished files listed: a whole batch's worth, and bounded for a page left open for days. */
export const FINISHED_FILES_KEPT = 100;

/** The job's own audio, for its player: streamed from an object URL, never held decoded. */
export interface JobMedia {
  /** Object URL of the dropped file or of the kept recording. */
  readonly url: string;
  /** A video file is shown as video; everything else plays as audio. */
  readonly kind: 'audio' | 'video';
}

export interface TranscriptJob {
  readonly id: number;
  /** A dropped file, or a recording from the microphone. */
  readonly kind: 'file' | 'live';
  /** The file's name, or the recording's title. */
  readonly source: string;
  readonly words: readonly TranscribedWord[];
  /** What lies past the committed edge, shown as tentative. */
  readonly pending: TranscribedWord | null;
  readonly durationSeconds: number | null;
  readonly progress: JobProgress | null;
  readonly warning: string | null;
  readonly outcome: JobOutcome;
  /** The saved transcript this job is, once opened from the library. */
  readonly libraryId?: string;
  /** Null until the source is open (a file) or saved (a recording), and for a recording not kept. */
  readonly media: JobMedia | null;
  /** The user's corrections; null while the words are as transcribed. */
  readonly edits: JobEdits | null;
}

/** A finished transcript shown without running it (a saved transcript, a test fixture). */
export interface OpenedTranscript {
  /** Set for a transcript opened from the library: edits are saved back to it. */
  readonly libraryId?: string;
  readonly kind?: TranscriptJob['kind'];
  readonly outcome?: Exclude<JobOutcome, 'running'>;
  readonly source: string;
  readonly words: readonly TranscribedWord[];
  readonly media: JobMedia | null;
  readonly durationSeconds: number | null;
}

export interface Settings {
  readonly model: string;
  readonly device: DevicePreference;
  readonly dtype: string | undefined;
  readonly windowSeconds: number;
  readonly strideSeconds: number;
  /** Fast: greedy decoding. Accurate: beam search, with the language model when one is chosen. */
  readonly decoding: 'fast' | 'accurate';
  /** The cached language model beam search uses (its name in the storage panel), or null. */
  readonly languageModel: string | null;
  readonly languageModelWeight: number;
  readonly wordBonus: number;
  /** Names and terms to favour, one per line or comma-separated. */
  readonly hotwords: string;
}

export interface JobsState {
  readonly status: { readonly state: StatusState; readonly message: string };
  readonly engine: EngineInfo | null;
  readonly modelProgress: ModelLoadProgress | null;
  readonly settings: Settings;
  readonly queue: readonly QueuedFile[];
  /** The last FINISHED_FILES_KEPT files that ran, oldest first, each with its final message. */
  readonly finished: readonly FinishedFile[];
  /** The job shown in the transcript: running, or the last one. */
  readonly job: TranscriptJob | null;
  readonly history: readonly TranscriptJob[];
  /** Optional reference text: the word error rate is shown against it. */
  readonly reference: string;
  /** The language model in the engine, in words, or why it could not be read. */
  readonly languageModelNote: string | null;
}

export const DEFAULT_SETTINGS: Omit<Settings, 'model'> = {
  device: 'auto',
  dtype: undefined,
  windowSeconds: DEFAULT_WINDOW_SECONDS,
  strideSeconds: DEFAULT_STRIDE_SECONDS,
  decoding: 'fast',
  languageModel: null,
  // Tuned on espeak-ctc with a 3-gram of the fortunes texts (bench/accuracy.ts); another acoustic
  // model or language model wants its own.
  languageModelWeight: 0.8,
  wordBonus: 5,
  hotwords: '',
};

const INITIAL: JobsState = {
  status: { state: 'idle', message: 'Starting…' },
  engine: null,
  modelProgress: null,
  settings: { model: '', ...DEFAULT_SETTINGS },
  queue: [],
  finished: [],
  job: null,
  history: [],
  reference: '',
  languageModelNote: null,
};

/** The page's jobs, model and settings. Components read it; only the actions below change it. */
export const useJobStore = create<JobsState>(() => INITIAL);

const set = useJobStore.setState;
const patchJob = (patch: Partial<TranscriptJob>) => set((s) => (s.job === null ? {} : { job: { ...s.job, ...patch } }));

let nextJobId = 1;

export const jobActions = {
  setStatus(state: StatusState, message: string): void {
    set({ status: { state, message } });
  },

  changeSettings(patch: Partial<Settings>): void {
    set((s) => ({ settings: { ...s.settings, ...patch } }));
  },

  setReference(reference: string): void {
    set({ reference });
  },

  modelLoading(settings: Settings): void {
    set({ settings, engine: null, modelProgress: null, status: { state: 'loading-model', message: `Loading the model ${settings.model}…` } });
  },

  modelProgress(modelProgress: ModelLoadProgress): void {
    set({ modelProgress });
  },

  modelLoaded(engine: EngineInfo): void {
    set({ engine, modelProgress: null });
  },

  modelFailed(message: string): void {
    set({ modelProgress: null, status: { state: 'error', message } });
  },

  enqueue(files: Iterable<File>, resume?: SavedJob): number {
    const added = [...files].map((file) => ({ id: nextJobId++, file, resume }));
    if (added.length > 0) set((s) => ({ queue: [...s.queue, ...added] }));
    return added.length;
  },

  /** Takes the first queued file off the queue. */
  dequeue(): QueuedFile | null {
    const [next, ...rest] = useJobStore.getState().queue;
    if (next === undefined) return null;
    set({ queue: rest });
    return next;
  },

  removeQueued(id: number): void {
    set((s) => ({ queue: s.queue.filter((q) => q.id !== id) }));
  },

  /** Drops every file still waiting; the running one goes on. */
  clearQueue(): void {
    set({ queue: [] });
  },

  fileFinished(file: FinishedFile): void {
    set((s) => ({ finished: [...s.finished.slice(-(FINISHED_FILES_KEPT - 1)), file] }));
  },

  /**
   * Shows a new running job as the current transcript (with `words` already, when it continues a
   * saved one); a finished one moves to the history. Returns the job's id.
   */
  beginJob(kind: TranscriptJob['kind'], source: string, words: readonly TranscribedWord[] = []): number {
    const job: TranscriptJob = {
      id: nextJobId++,
      kind,
      source,
      words,
      pending: null,
      durationSeconds: null,
      progress: null,
      warning: null,
      outcome: 'running',
      media: null,
      edits: null,
    };
    set((s) => ({ job, history: s.job !== null && s.job.outcome !== 'running' ? [s.job, ...s.history] : s.history }));
    return job.id;
  },

  /**
   * Shows a finished transcript as the current one, as beginJob shows a new job; while a job runs
   * it goes first in the history instead. Returns its id.
   */
  openTranscript(opened: OpenedTranscript): number {
    const job: TranscriptJob = {
      id: nextJobId++,
      kind: opened.kind ?? 'file',
      source: opened.source,
      words: opened.words,
      pending: null,
      durationSeconds: opened.durationSeconds,
      progress: null,
      warning: null,
      outcome: opened.outcome ?? 'done',
      media: opened.media,
      edits: null,
      libraryId: opened.libraryId,
    };
    set((s) =>
      s.job?.outcome === 'running'
        ? { history: [job, ...s.history] }
        : { job, history: s.job !== null ? [s.job, ...s.history] : s.history },
    );
    return job.id;
  },

  /** Gives the current job its audio. */
  attachMedia(media: JobMedia): void {
    patchJob({ media });
  },

  /** Replaces the corrections of job `id`, current or earlier. */
  setEdits(id: number, edits: JobEdits | null): void {
    set((s) => {
      if (s.job?.id === id) return { job: { ...s.job, edits } };
      const at = s.history.findIndex((job) => job.id === id);
      if (at < 0) return {};
      const history = [...s.history];
      history[at] = { ...history[at], edits };
      return { history };
    });
  },

  describeAudio(durationSeconds: number | null, warning: string | null): void {
    patchJob({ durationSeconds, warning });
  },

  /** Appends committed words and replaces the tentative tail (and the progress, when given). */
  appendWords(words: readonly TranscribedWord[], pending: TranscribedWord | null, progress?: JobProgress): void {
    set((s) => {
      const job = s.job;
      if (job === null) return {};
      if (words.length === 0 && progress === undefined && sameWord(job.pending, pending)) return {};
      return { job: { ...job, words: words.length > 0 ? [...job.words, ...words] : job.words, pending, progress: progress ?? job.progress } };
    });
  },

  endJob(outcome: Exclude<JobOutcome, 'running'>, message: string, durationSeconds: number | null): void {
    set((s) =>
      s.job === null
        ? { status: { state: outcome, message } }
        : {
            job: { ...s.job, outcome, pending: null, durationSeconds: s.job.durationSeconds ?? durationSeconds },
            status: { state: outcome, message },
          },
    );
  },

  languageModelNote(note: string | null): void {
    set({ languageModelNote: note });
  },

  /** Back to the first state, for tests. */
  reset(): void {
    set(INITIAL, true);
  },
};

/** Job `id`, current or earlier; null when there is none. */
export function jobById(state: Pick<JobsState, 'job' | 'history'>, id: number): TranscriptJob | null {
  return state.job?.id === id ? state.job : (state.history.find((job) => job.id === id) ?? null);
}

function sameWord(a: TranscribedWord | null, b: TranscribedWord | null): boolean {
  return a === b || (a !== null && b !== null && a.text === b.text && a.start === b.start && a.end === b.end);
}
