import type { TranscribedWord } from '../../shared/transcript.ts';
import { formatBytes } from '../../shared/formatBytes.ts';
import { errorText } from '../../shared/errorText.ts';
import {
  approxWordsBytes,
  summarySizeBytes,
  type JobRecord,
  type JobSettings,
  type JobSource,
  type JobSummary,
  type UnreadableRecord,
} from './libraryRecords.ts';
import { LIBRARY_DB_NAME, LIBRARY_SCHEMA_VERSION, openLibraryDb } from './librarySchema.ts';
import { IdbLibraryBackend } from './idbLibraryBackend.ts';
import { WriteBehindQueue } from './writeBehindQueue.ts';
import { HeartbeatOwnership, ThisTabOwnership, WebLockOwnership, type JobOwnership, type LockRequests } from './jobOwnership.ts';
import { LibraryJob } from './libraryJob.ts';
import { createLibraryStatus, noteUnreadable, type LibraryStatusStore } from './libraryStatus.ts';
import { findPhrase, type PhraseMatch } from './transcriptSearch.ts';
import {
  closedByBrowser,
  isQuotaExceeded,
  noIndexedDb,
  openFailed,
  readFailed,
  takenOver,
  upgradedElsewhere,
  waitingForOtherTabs,
  writeFailed,
  type ProblemReport,
} from './storageProblems.ts';

/** The part of `navigator.storage` the library uses. */
export interface StorageAccess {
  estimate(): Promise<StorageEstimate>;
  persist(): Promise<boolean>;
  persisted(): Promise<boolean>;
}

export interface LibraryTiming {
  /** How long a deleted transcript can be brought back. */
  readonly undoDeleteMs: number;
  /** The longest an edit waits before it is written; typing on does not postpone it. */
  readonly editSaveDelayMs: number;
  readonly heartbeatMs: number;
  readonly staleOwnerMs: number;
}

export const DEFAULT_TIMING: LibraryTiming = {
  undoDeleteMs: 8_000,
  editSaveDelayMs: 1_000,
  heartbeatMs: 10_000,
  staleOwnerMs: 150_000,
};

/** What the library needs from the browser, injected so tests hand in fakes or real parts. */
export interface LibraryDeps {
  /** `indexedDB`, or null where the page has none (some private modes). */
  readonly indexedDB: IDBFactory | null;
  /** `navigator.locks`, or null where the browser lacks Web Locks (then heartbeats decide). */
  readonly locks: LockRequests | null;
  /** `navigator.storage`, or null. */
  readonly storage: StorageAccess | null;
  readonly databaseName?: string;
  readonly now?: () => number;
  readonly timing?: Partial<LibraryTiming>;
}

export interface NewJob {
  /** What the list shows: the file name, or the recording's name. */
  readonly name: string;
  /** From `fileSource(file)` or `recordingSource(name, startedAt)`. */
  readonly source: JobSource;
  readonly settings: JobSettings;
}

export interface ListedJob extends JobSummary {
  readonly sizeBytes: number;
  /** Running in another tab: show it read-only, it cannot be resumed or deleted here. */
  readonly runningElsewhere: boolean;
}

export interface LoadedTranscript {
  readonly summary: ListedJob;
  /** Null when the job's details record is unreadable (the status names it). */
  readonly source: JobSource | null;
  readonly settings: JobSettings | null;
  readonly words: TranscribedWord[];
  /** The user's edited text, when there is one. */
  readonly editedWords: readonly TranscribedWord[] | null;
}

export type ResumeResult =
  | {
      readonly job: LibraryJob;
      /** Where to pick up: seek the audio to `committedSeconds`, append from there. */
      readonly committedSeconds: number;
      readonly wordCount: number;
      readonly source: JobSource;
      readonly settings: JobSettings;
    }
  | { readonly job: null; readonly reason: string };

export interface SearchHit extends PhraseMatch {
  readonly jobId: string;
  readonly name: string;
  /** The match is in the user's edited text (word indices count in it), not the committed words. */
  readonly inEdits: boolean;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly contextWords?: number;
  readonly signal?: AbortSignal;
}

export type DeleteResult = { readonly deleted: true; readonly undoUntil: number } | { readonly deleted: false; readonly reason: string };

export type KeepFileResult =
  | { readonly kept: true }
  | { readonly kept: false; readonly reason: 'no-database' | 'not-enough-space' | 'write-failed'; readonly message: string };

export interface StorageUsed {
  /** What the library's transcripts take, summed from their summaries. */
  readonly transcriptsBytes: number;
  /** The browser's estimate for the whole site, where it gives one. */
  readonly usageBytes: number | null;
  readonly quotaBytes: number | null;
}

/** Batches read per transaction while streaming a transcript: about 1 500 words. */
const BATCH_PAGE = 50;
/** Room to leave for transcripts when deciding whether a source file may be kept. */
const KEEP_FILE_HEADROOM_BYTES = 64 * 1024 * 1024;

/** Opens the library; never rejects: without IndexedDB it works in memory and says so in `status`. */
export async function openTranscriptLibrary(deps: LibraryDeps): Promise<TranscriptLibrary> {
  const library = new TranscriptLibrary(deps);
  await library.opened;
  return library;
}

/**
 * The saved transcripts of this browser: every job streams into it as it runs, and the list,
 * search and export read from it. Failures to store never reach the caller: they show in
 * `status`, and what could not be saved stays in memory (the write-behind queue) meanwhile.
 */
export class TranscriptLibrary {
  readonly status: LibraryStatusStore;
  /** @internal Resolves once the database is open (or known to be unusable) and checked. */
  readonly opened: Promise<void>;
  private backend: IdbLibraryBackend | null = null;
  private ownership: JobOwnership;
  private readonly queue: WriteBehindQueue;
  private readonly now: () => number;
  private readonly timing: LibraryTiming;
  private readonly tabId = crypto.randomUUID();
  private readonly live = new Map<string, LibraryJob>();
  private readonly purgeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private persistenceAsked = false;

  constructor(private readonly deps: LibraryDeps) {
    this.now = deps.now ?? Date.now;
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.ownership = deps.locks ? new WebLockOwnership(deps.locks) : new ThisTabOwnership();
    this.status = createLibraryStatus(this.ownership.kind);
    this.queue = new WriteBehindQueue(null, (error, refused) => this.written(error, refused), this.now);
    this.opened = this.open();
  }

  private async open(): Promise<void> {
    const factory = this.deps.indexedDB;
    if (factory === null) return this.useMemory(noIndexedDb());
    try {
      const { db, migrationProblems } = await openLibraryDb(factory, this.deps.databaseName ?? LIBRARY_DB_NAME, LIBRARY_SCHEMA_VERSION, {
        blocked: () => this.status.setState({ message: waitingForOtherTabs() }),
        blocking: () => this.lose(upgradedElsewhere()),
        terminated: () => this.lose(closedByBrowser()),
      });
      const backend = new IdbLibraryBackend(db);
      this.backend = backend;
      if (this.deps.locks === null) this.ownership = new HeartbeatOwnership(backend, this.tabId, this.now, this.timing);
      this.queue.setWriter((writes) => backend.write(writes));
      this.status.setState({ storage: 'indexeddb', problem: null, message: null, ownership: this.ownership.kind });
      noteUnreadable(this.status, migrationProblems);
    } catch (error) {
      return this.useMemory(openFailed(error));
    }
    await this.purgeExpiredDeletes();
    // Interrupted jobs are found by listing, which settles every orphaned 'running' job.
    await this.listNow();
  }

  private useMemory(report: ProblemReport): void {
    this.status.setState({ storage: 'memory', ...report });
  }

  /** The database went away under us: keep going in memory. */
  private lose(report: ProblemReport): void {
    this.backend?.close();
    this.backend = null;
    this.queue.setWriter(null);
    this.useMemory(report);
  }

  private written(error: unknown, refused: readonly string[]): void {
    for (const jobId of refused) {
      const job = this.live.get(jobId);
      this.queue.discard(jobId);
      void job?.abandon();
      this.status.setState(takenOver(job?.name ?? jobId));
    }
    if (error === null) {
      const { problem } = this.status.getState();
      if (problem === 'quota' || problem === 'write-failed') this.status.setState({ problem: null, message: null });
      return;
    }
    if (error instanceof DOMException && error.name === 'InvalidStateError') this.lose(closedByBrowser());
    else this.status.setState(writeFailed(error));
  }

  private reportRead(error: unknown): void {
    this.status.setState(readFailed(error));
  }

  private note(records: readonly UnreadableRecord[]): void {
    noteUnreadable(this.status, records);
  }

  // Jobs --------------------------------------------------------------------------------------

  /** Starts saving a new job; resolves with its handle, never rejects. */
  async startJob(init: NewJob): Promise<LibraryJob> {
    await this.opened;
    const id = crypto.randomUUID();
    const claim = await this.ownership.claimNew(id);
    const at = this.now();
    const job: JobRecord = { id, source: init.source, settings: init.settings, owner: this.ownership.newOwner() };
    const summary: JobSummary = {
      id,
      name: init.name,
      kind: init.source.kind,
      createdAt: at,
      updatedAt: at,
      durationSeconds: init.source.durationSeconds,
      committedSeconds: 0,
      wordCount: 0,
      state: 'running',
      message: null,
      model: init.settings.model,
      wordsBytes: 0,
      editsBytes: 0,
      sourceFileBytes: 0,
      edited: false,
      deletedAt: null,
    };
    this.queue.update(id, (w) => {
      w.create = { job, summary };
    });
    this.queue.schedule(0);
    void this.askPersistence();
    return this.track(new LibraryJob(id, init.name, init.source, this.jobContext(), claim, { wordCount: 0, wordsBytes: 0, nextSeq: 0 }));
  }

  /**
   * Continues an interrupted (or cancelled, or failed) job in this tab. Check the re-picked file
   * with `sameSource(result.source, file)` first; then feed audio from `committedSeconds` on.
   */
  async resumeJob(jobId: string): Promise<ResumeResult> {
    await this.opened;
    const backend = this.backend;
    if (backend === null) return { job: null, reason: 'The library cannot be read in this browser, so nothing can be continued.' };
    const before = await this.summary(jobId);
    if (before === null || before.deletedAt !== null) return { job: null, reason: 'This transcript is no longer in the library.' };
    if (before.state === 'done') return { job: null, reason: `"${before.name}" is already complete.` };
    if (this.ownership.ownsHere(jobId)) return { job: null, reason: `"${before.name}" is already being transcribed in this tab.` };
    const claim = await this.ownership.claim(jobId);
    if (claim === null) return { job: null, reason: `"${before.name}" is being transcribed in another tab.` };
    try {
      // Read again under the claim: another tab may have continued and finished it meanwhile.
      const [summary, record, nextSeq] = await Promise.all([this.summary(jobId), backend.getJob(jobId), backend.nextSeq(jobId)]);
      this.note(record.unreadable ? [record.unreadable] : []);
      if (summary === null || summary.deletedAt !== null || summary.state === 'done' || record.value === null) {
        await claim.release();
        return { job: null, reason: record.value === null ? 'The details of this transcript could not be read, so it cannot be continued.' : 'This transcript can no longer be continued.' };
      }
      const { source, settings } = record.value;
      const job = new LibraryJob(jobId, summary.name, source, this.jobContext(), claim, { wordCount: summary.wordCount, wordsBytes: summary.wordsBytes, nextSeq });
      const updatedAt = this.now();
      this.queue.update(jobId, (w) => {
        w.requireOwner = this.requireOwner();
        w.summaryPatch = { ...w.summaryPatch, state: 'running', message: null, updatedAt };
      });
      await this.queue.flush();
      return { job: this.track(job), committedSeconds: summary.committedSeconds, wordCount: summary.wordCount, source, settings };
    } catch (error) {
      await claim.release();
      this.reportRead(error);
      return { job: null, reason: `This transcript could not be read: ${errorText(error)}.` };
    }
  }

  private requireOwner(): string | null {
    return this.ownership.kind === 'heartbeat' ? this.tabId : null;
  }

  private jobContext() {
    return { queue: this.queue, now: this.now, requireOwner: this.requireOwner(), onEnded: (id: string) => this.live.delete(id) };
  }

  private track(job: LibraryJob): LibraryJob {
    this.live.set(job.id, job);
    return job;
  }

  /**
   * Saves the user's edited word list of a job, replacing the previous one, within
   * `editSaveDelayMs`. The array is written later as given, so do not change it afterwards.
   * Edits never touch the committed words, so even a job running in another tab cannot be
   * corrupted by them; between two tabs editing at once, the later save wins.
   *
   * Whole list rather than an edit log: the list is what every reader wants (display, export,
   * search), it is bounded by the transcript (a few MiB for hours), writes come at most once per
   * delay, and nothing has to be replayed or compacted, nor can one bad log entry spoil the rest.
   */
  saveEdits(jobId: string, words: readonly TranscribedWord[]): void {
    const savedAt = this.now();
    const editsBytes = approxWordsBytes(words);
    this.queue.update(jobId, (w) => {
      w.edits = { jobId, words, savedAt };
      w.summaryPatch = { ...w.summaryPatch, edited: true, editsBytes, updatedAt: savedAt };
    });
    this.queue.schedule(this.timing.editSaveDelayMs);
  }

  private async askPersistence(): Promise<void> {
    if (this.persistenceAsked) return;
    this.persistenceAsked = true;
    const storage = this.deps.storage;
    if (storage === null) return void this.status.setState({ persistence: 'unsupported' });
    try {
      const persisted = (await storage.persisted()) || (await storage.persist());
      this.status.setState({ persistence: persisted ? 'persisted' : 'best-effort' });
    } catch {
      this.status.setState({ persistence: 'unsupported' });
    }
  }

  // Reading -----------------------------------------------------------------------------------

  /** A job's summary as it stands, unsaved changes included. */
  private async summary(jobId: string): Promise<JobSummary | null> {
    let stored: JobSummary | null = null;
    if (this.backend !== null) {
      try {
        const read = await this.backend.getSummary(jobId);
        this.note(read.unreadable ? [read.unreadable] : []);
        stored = read.value;
      } catch (error) {
        this.reportRead(error);
      }
    }
    return this.withUnsaved(jobId, stored);
  }

  private withUnsaved(jobId: string, stored: JobSummary | null): JobSummary | null {
    const writes = this.queue.unsaved(jobId);
    if (writes === undefined) return stored;
    const base = writes.create?.summary ?? stored;
    return base === null || writes.summaryPatch === null ? base : { ...base, ...writes.summaryPatch };
  }

  /** Every transcript, newest first, from the summaries alone; orphaned running jobs become interrupted. */
  async list(): Promise<ListedJob[]> {
    await this.opened;
    return this.listNow();
  }

  private async listNow(): Promise<ListedJob[]> {
    const byId = new Map<string, JobSummary>();
    if (this.backend !== null) {
      try {
        const { summaries, unreadable } = await this.backend.listSummaries();
        this.note(unreadable);
        for (const summary of summaries) byId.set(summary.id, summary);
      } catch (error) {
        this.reportRead(error);
      }
    }
    for (const id of this.queue.unsavedJobIds()) {
      const summary = this.withUnsaved(id, byId.get(id) ?? null);
      if (summary !== null) byId.set(id, summary);
    }
    const visible = [...byId.values()].filter((s) => s.deletedAt === null);
    const elsewhere = await this.settleRunning(visible.filter((s) => s.state === 'running' && !this.ownership.ownsHere(s.id)));
    return visible
      .map((s) => this.listed(elsewhere.interrupted.get(s.id) ?? s, elsewhere.running.has(s.id)))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  private listed(summary: JobSummary, runningElsewhere: boolean): ListedJob {
    return { ...summary, sizeBytes: summarySizeBytes(summary), runningElsewhere };
  }

  /**
   * For 'running' jobs this tab does not run: which another live tab runs, and which nobody does
   * (their tab went away) and are now marked interrupted, at their committed position.
   */
  private async settleRunning(running: readonly JobSummary[]): Promise<{ running: Set<string>; interrupted: Map<string, JobSummary> }> {
    const interrupted = new Map<string, JobSummary>();
    const backend = this.backend;
    if (running.length === 0 || backend === null) return { running: new Set(), interrupted };
    try {
      const records = await backend.getJobs(running.map((s) => s.id));
      const jobs = new Map(running.map((s) => [s.id, records.get(s.id) ?? null]));
      const elsewhere = await this.ownership.ownedElsewhere(jobs);
      for (const { id } of running) {
        if (elsewhere.has(id)) continue;
        const settled = await this.ownership.ifUnowned(id, async (ownerGone) => ({ marked: await backend.markInterrupted(id, ownerGone, this.now()) }));
        if (settled === null) elsewhere.add(id);
        // Unchanged means its owner ended it meanwhile: the next list shows how.
        else if (settled.marked !== null) interrupted.set(id, settled.marked);
      }
      return { running: elsewhere, interrupted };
    } catch (error) {
      this.reportRead(error);
      return { running: new Set(), interrupted };
    }
  }

  /** A job's committed words, page by page, unsaved ones last; for export and search. */
  async *words(jobId: string): AsyncGenerator<readonly TranscribedWord[]> {
    await this.opened;
    let nextSeq = 0;
    const backend = this.backend;
    if (backend !== null) {
      try {
        for (;;) {
          const page = await backend.readBatches(jobId, nextSeq, BATCH_PAGE);
          this.note(page.unreadable);
          if (page.nextSeq === null) break;
          nextSeq = page.nextSeq;
          for (const batch of page.batches) yield batch.words;
        }
      } catch (error) {
        this.reportRead(error);
      }
    }
    for (const batch of this.queue.unsaved(jobId)?.batches ?? []) if (batch.seq >= nextSeq) yield batch.words;
  }

  /** Everything needed to show or export one transcript, or null when it is not in the library. */
  async loadTranscript(jobId: string): Promise<LoadedTranscript | null> {
    const summary = await this.summary(jobId);
    if (summary === null || summary.deletedAt !== null) return null;
    const words: TranscribedWord[] = [];
    for await (const page of this.words(jobId)) for (const word of page) words.push(word);
    const { job, editedWords } = await this.details(jobId);
    const running = summary.state === 'running' && !this.ownership.ownsHere(jobId);
    const elsewhere = running ? (await this.settleRunning([summary])).running.has(jobId) : false;
    return { summary: this.listed(summary, elsewhere), source: job?.source ?? null, settings: job?.settings ?? null, words, editedWords };
  }

  private async details(jobId: string): Promise<{ job: JobRecord | null; editedWords: readonly TranscribedWord[] | null }> {
    const unsaved = this.queue.unsaved(jobId);
    let job: JobRecord | null = unsaved?.create?.job ?? null;
    let editedWords = unsaved?.edits?.words ?? null;
    if (this.backend !== null && (job === null || editedWords === null)) {
      try {
        const [jobRead, editsRead] = await Promise.all([this.backend.getJob(jobId), this.backend.getEdits(jobId)]);
        this.note([jobRead.unreadable, editsRead.unreadable].filter((r) => r !== null));
        job ??= jobRead.value;
        editedWords ??= editsRead.value?.words ?? null;
      } catch (error) {
        this.reportRead(error);
      }
    }
    if (job !== null && unsaved?.jobPatch) job = { ...job, ...unsaved.jobPatch };
    return { job, editedWords };
  }

  /**
   * Finds `query` in every transcript, newest first, reading one page of words at a time (the
   * user's edited text where there is one, since that is what they see).
   */
  async search(query: string, { limit = 100, contextWords = 6, signal }: SearchOptions = {}): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    for (const job of await this.list()) {
      if (signal?.aborted || hits.length >= limit) break;
      const edited = job.edited ? (await this.details(job.id)).editedWords : null;
      const pages = edited === null ? this.words(job.id) : onePage(edited);
      for await (const match of findPhrase(pages, query, contextWords)) {
        hits.push({ ...match, jobId: job.id, name: job.name, inEdits: edited !== null });
        if (hits.length >= limit || signal?.aborted) break;
      }
    }
    return hits;
  }

  // Changing the history ----------------------------------------------------------------------

  async rename(jobId: string, name: string): Promise<boolean> {
    const trimmed = name.trim();
    const summary = await this.summary(jobId);
    if (trimmed === '' || summary === null || summary.deletedAt !== null) return false;
    this.queue.update(jobId, (w) => {
      w.summaryPatch = { ...w.summaryPatch, name: trimmed };
    });
    await this.queue.flush();
    return true;
  }

  /** Hides a transcript at once and purges it after `undoDeleteMs` unless `undoDelete` brings it back. */
  async delete(jobId: string): Promise<DeleteResult> {
    await this.opened;
    let summary = await this.summary(jobId);
    if (summary === null || summary.deletedAt !== null) return { deleted: false, reason: 'This transcript is no longer in the library.' };
    if (summary.state === 'running' && !this.ownership.ownsHere(jobId)) {
      summary = (await this.settleRunning([summary])).interrupted.get(jobId) ?? summary;
    }
    if (summary.state === 'running') {
      return { deleted: false, reason: `"${summary.name}" is still being transcribed: stop it first.` };
    }
    const deletedAt = this.now();
    this.softDelete(jobId, deletedAt);
    await this.queue.flush();
    return { deleted: true, undoUntil: deletedAt + this.timing.undoDeleteMs };
  }

  private softDelete(jobId: string, deletedAt: number): void {
    this.queue.update(jobId, (w) => {
      w.summaryPatch = { ...w.summaryPatch, deletedAt };
    });
    this.schedulePurge(jobId, deletedAt, this.timing.undoDeleteMs);
  }

  private schedulePurge(jobId: string, deletedAt: number, afterMs: number): void {
    clearTimeout(this.purgeTimers.get(jobId));
    this.purgeTimers.set(
      jobId,
      setTimeout(() => void this.purgeIfStillDeleted(jobId, deletedAt), Math.max(0, afterMs)),
    );
  }

  /** Brings back a transcript deleted less than `undoDeleteMs` ago; false when too late. */
  async undoDelete(jobId: string): Promise<boolean> {
    const summary = await this.summary(jobId);
    if (summary === null || summary.deletedAt === null || this.now() - summary.deletedAt > this.timing.undoDeleteMs) return false;
    clearTimeout(this.purgeTimers.get(jobId));
    this.purgeTimers.delete(jobId);
    this.queue.update(jobId, (w) => {
      w.summaryPatch = { ...w.summaryPatch, deletedAt: null };
    });
    await this.queue.flush();
    return true;
  }

  /** Deletes every transcript but those still running, with the same undo window for each. */
  async deleteAll(): Promise<{ readonly deleted: string[]; readonly stillRunning: string[] }> {
    const jobs = await this.list();
    const deletedAt = this.now();
    const deleted: string[] = [];
    const stillRunning: string[] = [];
    for (const job of jobs) {
      if (job.state === 'running') stillRunning.push(job.id);
      else {
        this.softDelete(job.id, deletedAt);
        deleted.push(job.id);
      }
    }
    await this.queue.flush();
    return { deleted, stillRunning };
  }

  private async purgeIfStillDeleted(jobId: string, deletedAt: number): Promise<void> {
    this.purgeTimers.delete(jobId);
    const summary = await this.summary(jobId);
    if (summary === null || summary.deletedAt !== deletedAt) return;
    this.queue.discard(jobId);
    try {
      await this.backend?.purge(jobId);
    } catch (error) {
      this.status.setState(writeFailed(error));
    }
  }

  /** Deletes left pending by a tab that closed within the undo window are finished here. */
  private async purgeExpiredDeletes(): Promise<void> {
    if (this.backend === null) return;
    try {
      const { summaries } = await this.backend.listSummaries();
      for (const { id, deletedAt } of summaries) {
        if (deletedAt === null) continue;
        const left = deletedAt + this.timing.undoDeleteMs - this.now();
        if (left <= 0) await this.purgeIfStillDeleted(id, deletedAt);
        else this.schedulePurge(id, deletedAt, left);
      }
    } catch (error) {
      this.reportRead(error);
    }
  }

  // Source files and space --------------------------------------------------------------------

  /** Keeps the audio of a job in the library (the user opted in), if the quota leaves room. */
  async keepSourceFile(jobId: string, file: File): Promise<KeepFileResult> {
    await this.opened;
    const backend = this.backend;
    if (backend === null) return { kept: false, reason: 'no-database', message: `"${file.name}" cannot be kept: this browser does not let the page store data.` };
    const estimate = await this.estimate();
    if (estimate?.quota !== undefined) {
      const free = estimate.quota - (estimate.usage ?? 0);
      if (free < file.size + KEEP_FILE_HEADROOM_BYTES) {
        return {
          kept: false,
          reason: 'not-enough-space',
          message: `"${file.name}" (${formatBytes(file.size)}) was not kept: the browser leaves this site ${formatBytes(Math.max(0, free))}, too little room for it and the transcripts to come.`,
        };
      }
    }
    // The summary it is counted in must be on disk first.
    await this.queue.flush();
    try {
      await backend.putSourceFile({ jobId, blob: file, name: file.name, type: file.type, lastModified: file.lastModified });
      return { kept: true };
    } catch (error) {
      if (isQuotaExceeded(error)) {
        return { kept: false, reason: 'not-enough-space', message: `"${file.name}" (${formatBytes(file.size)}) was not kept: the browser storage for this site is full.` };
      }
      return { kept: false, reason: 'write-failed', message: `"${file.name}" could not be kept: ${errorText(error)}.` };
    }
  }

  /** The kept audio of a job, as a File again, or null. */
  async sourceFile(jobId: string): Promise<File | null> {
    await this.opened;
    try {
      const record = (await this.backend?.getSourceFile(jobId)) ?? null;
      return record === null ? null : new File([record.blob], record.name, { type: record.type, lastModified: record.lastModified });
    } catch (error) {
      this.reportRead(error);
      return null;
    }
  }

  private async estimate(): Promise<StorageEstimate | null> {
    try {
      return (await this.deps.storage?.estimate()) ?? null;
    } catch {
      return null;
    }
  }

  async storageUsed(): Promise<StorageUsed> {
    const jobs = await this.list();
    const estimate = await this.estimate();
    return {
      transcriptsBytes: jobs.reduce((sum, job) => sum + job.sizeBytes, 0),
      usageBytes: estimate?.usage ?? null,
      quotaBytes: estimate?.quota ?? null,
    };
  }

  // Lifetime ----------------------------------------------------------------------------------

  /** Writes everything queued; resolves when written or, if storage fails, once it was tried. */
  async flush(): Promise<void> {
    await this.opened;
    await this.queue.flush();
  }

  /** Writes what is queued, then lets go as the page going away would: running jobs stay 'running'. */
  async close(): Promise<void> {
    await this.flush();
    this.queue.close();
    this.queue.setWriter(null);
    for (const timer of this.purgeTimers.values()) clearTimeout(timer);
    this.purgeTimers.clear();
    for (const job of [...this.live.values()]) await job.abandon();
    await this.ownership.abandonAll();
    this.backend?.close();
    this.backend = null;
  }
}

async function* onePage(words: readonly TranscribedWord[]): AsyncGenerator<readonly TranscribedWord[]> {
  yield words;
}
