import { onJobEvent, type JobEvent } from '../../jobs/jobEvents.ts';
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
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly library: TranscriptLibrary,
    private readonly options: AutosaveOptions,
  ) {
    this.stop = onJobEvent((event) => this.take(event));
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

  dispose(): void {
    this.stop();
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
        void libraryJob.finish(event.outcome, event.outcome === 'done' ? null : event.message).then(() => this.changed());
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
      return job;
    }
    const now = this.options.now?.() ?? Date.now();
    const source = event.file === null ? recordingSource(event.name, now) : await fileSource(event.file);
    const { model, dtype, windowSeconds, strideSeconds } = event.settings;
    const job = await this.library.startJob({ name: event.name, source, settings: { model, dtype: dtype ?? null, windowSeconds, strideSeconds } });
    if (event.file !== null && this.options.keepFiles()) {
      const file = event.file;
      void this.library.keepSourceFile(job.id, file).then((result) => this.options.onKeepFile?.(file.name, result));
    }
    return job;
  }
}
