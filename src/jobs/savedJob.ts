import type { TranscribedWord } from '../shared/transcript.ts';

/** A saved job to continue: its words so far, where they were committed to, and its windows. */
export interface SavedJob {
  /** The library's id of the job. */
  readonly id: string;
  readonly words: readonly TranscribedWord[];
  readonly committedSeconds: number;
  /** The saved run's window and stride: a resumed run must cut the same windows. */
  readonly windowSeconds: number;
  readonly strideSeconds: number;
}
