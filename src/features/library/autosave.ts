import { onJobEvent, type JobEvent } from '../../jobs/jobEvents.ts';
import { useJobStore, type JobsState } from '../../jobs/jobStore.ts';
import { shownWords } from '../transcript/jobEdits.ts';
import { autosaveCompiledOut } from './benchHooks.ts';
import type { LibraryJob } from './libraryJob.ts';
import { fileSource, recordingSource } from './sourceIdentity.ts';
import type { KeepFileResult, TranscriptLibrary } from './transcriptLibrary.ts';

export interface AutosaveOptions {
  /** Whether a dropped file is kept in the library too, so an interrupted job resumes without asking for it. */
  keepFiles(): boolean;
  /** What became of a file the user asked to keep (kept, or why not). */
  onKeepFile?(name: string, result: KeepFileResult): void;
  now?(): number;
}

/**
 * Saves every job into the library as it runs: the job when it begins, each committed window's
 * words as they come (one small batch each, written behind the job's back), and its end. A job
 * that continues a saved one writes into it; `adopt` hands over the library's side of it first.
 */
export class Autosave {
  /** Library jobs of the page's running jobs, by the page's job id. */
  private readonly jobs = new Map<number, Promise<LibraryJob | null>>();
  private readonly adopted = new Map<string, LibraryJob>();
  private readonly stop: () => void;
  private readonly stopEdits: () => void;
  /** The library's id of each page job saved here. */
  private readonly libraryIds = new Map<number, string>();
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly library: TranscriptLibrary,
    private readonly options: AutosaveOptions,
  ) {
    const listen = !autosaveCompiledOut();
    this.stop = listen ? onJobEvent((event) => this.take(event)) : () => {};
    this.stopEdits = listen ? useJobStore.subscribe((state, previous) => this.saveEdits(state, previous)) : () => {};
  }

  /** The library job a resumed page job writes into, claimed by `resumeJob` before it starts. */
  adopt(job: LibraryJob): void {
    this.adopted.set(job.id, job);
  }

  /** Calls `listener` whenever a job has been added to the library or ended in it. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Resolves once every event received so far has reached the library's write queue. */
  async settled(): Promise<void> {
    await Promise.all(this.jobs.values());
  }

  dispose(): void {
    this.stop();
    this.stopEdits();
  }

  /** Corrections go to the library as the user makes them (it writes them within a second). */
  private saveEdits(state: JobsState, previous: JobsState): void {
    const before = new Map([previous.job, ...previous.history].filter((j) => j !== null).map((j) => [j.id, j.edits]));
    for (const job of [state.job, ...state.history]) {
      if (job === null || job.edits === null || before.get(job.id) === job.edits) continue;
      const libraryId = job.libraryId ?? this.libraryIds.get(job.id);
      if (libraryId !== undefined) this.library.saveEdits(libraryId, shownWords(job));
    }
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  private take(event: JobEvent): void {
    if (event.type === 'began') {
      const job = this.begin(event);
      this.jobs.set(event.id, job);
      void job.then(() => this.changed());
      return;
    }
    const job = this.jobs.get(event.id);
    if (job === undefined) return;
    // Events of one job are applied in order: each waits for the library job to exist.
    const next = job.then((libraryJob) => {
      if (libraryJob === null) return null;
      if (event.type === 'opened' && event.durationSeconds !== null) libraryJob.setDuration(event.durationSeconds);
      if (event.type === 'committed') libraryJob.append(event.words, event.committedSeconds);
      if (event.type === 'ended') {
        libraryJob.setDuration(event.durationSeconds);
        // A job the engine died under is left unfinished, so the library offers to resume it.
        const ended = event.resumable ? libraryJob.abandon() : libraryJob.finish(event.outcome, event.outcome === 'done' ? null : event.message);
        void ended.then(() => this.changed());
      }
      return libraryJob;
    });
    if (event.type === 'ended') this.jobs.delete(event.id);
    else this.jobs.set(event.id, next);
  }

  private async begin(event: Extract<JobEvent, { type: 'began' }>): Promise<LibraryJob | null> {
    if (event.resumes !== null) {
      const job = this.adopted.get(event.resumes) ?? null;
      this.adopted.delete(event.resumes);
      if (job !== null) this.libraryIds.set(event.id, job.id);
      return job;
    }
    const now = this.options.now?.() ?? Date.now();
    const source = event.file === null ? recordingSource(event.name, now) : await fileSource(event.file);
    const { model, dtype, windowSeconds, strideSeconds } = event.settings;
    const job = await this.library.startJob({ name: event.name, source, settings: { model, dtype: dtype ?? null, windowSeconds, strideSeconds } });
    this.libraryIds.set(event.id, job.id);
    if (event.file !== null && this.options.keepFiles()) {
      const file = event.file;
      void this.library.keepSourceFile(job.id, file).then((result) => this.options.onKeepFile?.(file.name, result));
    }
    return job;
  }
}
