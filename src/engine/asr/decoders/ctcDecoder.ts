import type { TranscribedWord } from '../../../shared/transcript.ts';
import type { CtcVocabulary } from '../ctcVocabulary.ts';

/**
 * Log-probabilities (natural log, each row a log-softmax) of consecutive frames, row-major
 * `frames × vocabSize`. The array is the model's reused output buffer: read it during the call
 * that receives it, never keep it.
 */
export interface FrameLogProbs {
  readonly data: Float32Array;
  readonly frames: number;
  readonly vocabSize: number;
}

/**
 * Turns a stream of per-frame log-probabilities into words, across window edges: frames arrive in
 * order, each exactly once, from whichever window holds them with the most context.
 */
export interface CtcDecoder {
  /** Feeds the frames starting at global frame `firstFrame`; returns the words they made final. */
  push(frames: FrameLogProbs, firstFrame: number): TranscribedWord[];
  /** The word being spelled at the committed edge (it may still change), or null. */
  pendingWord(): TranscribedWord | null;
  /** Ends the stream: returns the words still open, and forgets the stream. */
  flush(): TranscribedWord[];
  /** An independent copy of the state, for tentative decoding past the committed edge. */
  clone(): CtcDecoder;
}

/** Builds a job's decoder; `secondsPerFrame` is the model's hop over the sample rate. */
export type CtcDecoderFactory = (vocabulary: CtcVocabulary, secondsPerFrame: number) => CtcDecoder;
