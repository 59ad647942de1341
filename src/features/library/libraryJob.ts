import type { TranscribedWord } from '../../shared/transcript.ts';
import { approxWordsBytes, type EndState, type JobSource } from './libraryRecords.ts';
import type { OwnershipClaim } from './jobOwnership.ts';
import type { WriteBehindQueue } from './writeBehindQueue.ts';

/** Where a job's saved words stand, so appends continue the count and the batch numbering. */
export interface SavedProgress {
  readonly wordCount: number;
  readonly wordsBytes: number;
  readonly nextSeq: number;
}

export interface JobWriteContext {
  readonly queue: WriteBehindQueue;
  readonly now: () => number;
  /** The tab id every write must still own the job as, where ownership rests on heartbeats. */
  readonly requireOwner: string | null;
  /** Told when the job ends here, whichever way. */
  readonly onEnded: (jobId: string) => void;
}

/**
 * A running job's line into the library. Its calls return at once and never throw: the words go
 * into the write-behind queue and are saved after each window, off the job's path.
 */
export class LibraryJob {
  private ended = false;
  private wordCount: number;
  private wordsBytes: number;
  private nextSeq: number;

  constructor(
    readonly id: string,
    /** The name it is listed under, for messages about it. */
    readonly name: string,
    private source: JobSource,
    private readonly context: JobWriteContext,
    private readonly claim: OwnershipClaim,
    saved: SavedProgress,
  ) {
    this.wordCount = saved.wordCount;
    this.wordsBytes = saved.wordsBytes;
    this.nextSeq = saved.nextSeq;
  }

  /** False once finished here, or once another tab has taken the job over. */
  get running(): boolean {
    return !this.ended;
  }

  /** One committed window: its new words (possibly none) and the audio seconds now committed. */
  append(words: readonly TranscribedWord[], committedSeconds: number): void {
    if (this.ended) return;
    const batch = words.length === 0 ? null : { jobId: this.id, seq: this.nextSeq++, words: words.slice() };
    this.wordCount += words.length;
    this.wordsBytes += approxWordsBytes(words);
    const patch = { wordCount: this.wordCount, wordsBytes: this.wordsBytes, committedSeconds, updatedAt: this.context.now() };
    this.write((w) => {
      if (batch !== null) w.batches.push(batch);
      w.summaryPatch = { ...w.summaryPatch, ...patch };
    });
    this.claim.touch();
  }

  /** The audio's length, once the file is opened (or the recording stopped). */
  setDuration(durationSeconds: number): void {
    if (this.ended) return;
    this.source = { ...this.source, durationSeconds };
    const source = this.source;
    this.write((w) => {
      w.jobPatch = { ...w.jobPatch, source };
      w.summaryPatch = { ...w.summaryPatch, durationSeconds };
    });
  }

  /** Ends the job here; resolves once its last words are written (or queued, if saving fails). */
  async finish(state: EndState, message: string | null = null): Promise<void> {
    if (this.ended) return;
    const updatedAt = this.context.now();
    this.write((w) => {
      w.summaryPatch = { ...w.summaryPatch, state, message, updatedAt };
    });
    this.ended = true;
    await this.context.queue.flush();
    await this.claim.release();
    this.context.onEnded(this.id);
  }

  /** Stops saving, without a final state: another tab owns the job now, or this page is going away. */
  async abandon(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.claim.release();
    this.context.onEnded(this.id);
  }

  private write(change: Parameters<WriteBehindQueue['update']>[1]): void {
    const { queue, requireOwner } = this.context;
    queue.update(this.id, (w) => {
      w.requireOwner = requireOwner;
      change(w);
    });
    queue.schedule(0);
  }
}
