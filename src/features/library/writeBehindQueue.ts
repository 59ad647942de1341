import type { EditsRecord, JobRecord, JobSummary, WordBatch } from './libraryRecords.ts';

/** Everything not yet saved for one job. */
export interface JobWrites {
  readonly jobId: string;
  /**
   * The tab that must still own the job for these writes to land: set where ownership rests on
   * heartbeats, which a stalled tab can lose to another without knowing.
   */
  requireOwner: string | null;
  /** The job's first records, for a job not yet in the database. */
  create: { readonly job: JobRecord; readonly summary: JobSummary } | null;
  /** Fields to change, applied to the stored record inside the write transaction. */
  jobPatch: Partial<JobRecord> | null;
  summaryPatch: Partial<JobSummary> | null;
  /** Appended in order; each becomes its own record. */
  batches: WordBatch[];
  /** The latest edited list; an earlier unsaved one is simply replaced. */
  edits: EditsRecord | null;
}

/**
 * Writes one flush's worth in one transaction: all of it lands, or none. Gives the jobs whose
 * writes were refused because another tab owns them now.
 */
export type WriteAll = (writes: readonly JobWrites[]) => Promise<readonly string[]>;

function emptyWrites(jobId: string): JobWrites {
  return { jobId, requireOwner: null, create: null, jobPatch: null, summaryPatch: null, batches: [], edits: null };
}

/** Puts writes that failed back in front of those queued since, so nothing is lost or reordered. */
function mergeOlder(older: JobWrites, newer: JobWrites): JobWrites {
  return {
    jobId: newer.jobId,
    requireOwner: newer.requireOwner ?? older.requireOwner,
    create: older.create ?? newer.create,
    jobPatch: older.jobPatch || newer.jobPatch ? { ...older.jobPatch, ...newer.jobPatch } : null,
    summaryPatch: older.summaryPatch || newer.summaryPatch ? { ...older.summaryPatch, ...newer.summaryPatch } : null,
    batches: [...older.batches, ...newer.batches],
    edits: newer.edits ?? older.edits,
  };
}

/**
 * A write-behind queue: callers record changes synchronously and go on; a flush writes all of them
 * in one transaction, at the earliest time any caller asked for. While a write is under way, new
 * changes gather and go together in the next one, so a slow disk batches windows instead of
 * holding the job up. A failed write keeps its changes queued for the next flush, and with no
 * writer (no database) they simply stay here: this queue is then the in-memory library.
 */
export class WriteBehindQueue {
  private pending = new Map<string, JobWrites>();
  private tail: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = Infinity;

  constructor(
    private writer: WriteAll | null,
    /** Told after every write attempt: the error or null, and the jobs refused for want of ownership. */
    private readonly onWritten: (error: unknown, refused: readonly string[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  setWriter(writer: WriteAll | null): void {
    this.writer = writer;
  }

  /** Changes `jobId`'s unsaved writes in place; call `schedule` to have them saved. */
  update(jobId: string, change: (writes: JobWrites) => void): void {
    let writes = this.pending.get(jobId);
    if (writes === undefined) {
      writes = emptyWrites(jobId);
      this.pending.set(jobId, writes);
    }
    change(writes);
  }

  /** Unsaved writes of one job, for reads that must see what is not on disk yet. */
  unsaved(jobId: string): JobWrites | undefined {
    return this.pending.get(jobId);
  }

  unsavedJobIds(): string[] {
    return [...this.pending.keys()];
  }

  /** Drops a purged job's unsaved writes. */
  discard(jobId: string): void {
    this.pending.delete(jobId);
  }

  /** Asks for a flush within `delayMs`; an earlier request already made stands. */
  schedule(delayMs: number): void {
    const due = this.now() + delayMs;
    if (this.timer !== null && this.timerDue <= due) return;
    this.cancelTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDue = Infinity;
      void this.flush();
    }, delayMs);
  }

  /** Writes everything queued so far; resolves (never rejects) once that write has finished. */
  flush(): Promise<void> {
    this.cancelTimer();
    this.tail = this.tail.then(() => this.writeOnce());
    return this.tail;
  }

  /** Stops the timer; what is queued stays queued. */
  close(): void {
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerDue = Infinity;
  }

  private async writeOnce(): Promise<void> {
    const writer = this.writer;
    if (writer === null || this.pending.size === 0) return;
    const taken = [...this.pending.values()];
    this.pending = new Map();
    try {
      const refused = await writer(taken);
      this.onWritten(null, refused);
    } catch (error) {
      for (const older of taken) {
        const newer = this.pending.get(older.jobId);
        this.pending.set(older.jobId, newer === undefined ? older : mergeOlder(older, newer));
      }
      this.onWritten(error, []);
    }
  }
}
