import type { TranscribedWord } from '../../shared/transcript.ts';

/**
 * Words the decoder is less sure of than this are shown as doubtful. Chosen on espeak-ctc, the one
 * model here that makes real errors, where "confidence below it" best tells wrong words from right
 * ones (the share of wrong words it flags minus the share of right words it flags is highest), on
 * each long recording alike: bench/chunkingAccuracy.ts prints precision and recall for a range of
 * thresholds. It sits close to 1 because a word's confidence averages the blank frames between its
 * characters too, of which the model is nearly sure even in a wrong word.
 */
export const DOUBT_THRESHOLD = 0.9;

export function isDoubtful(word: TranscribedWord): boolean {
  return word.confidence < DOUBT_THRESHOLD;
}

export interface StepOptions {
  /** Carry on from the other end of the transcript when none is left in that direction. */
  readonly wrap?: boolean;
}

/**
 * Index of the first doubtful word after `index` (pass -1 to search from the start), or -1 when
 * there is none.
 */
export function nextDoubtfulIndex(words: readonly TranscribedWord[], index: number, options?: StepOptions): number {
  for (let i = Math.max(index + 1, 0); i < words.length; i++) if (isDoubtful(words[i])) return i;
  if (options?.wrap !== true) return -1;
  for (let i = 0; i <= Math.min(index, words.length - 1); i++) if (isDoubtful(words[i])) return i;
  return -1;
}

/**
 * Index of the last doubtful word before `index` (pass words.length to search from the end), or
 * -1 when there is none.
 */
export function previousDoubtfulIndex(words: readonly TranscribedWord[], index: number, options?: StepOptions): number {
  for (let i = Math.min(index - 1, words.length - 1); i >= 0; i--) if (isDoubtful(words[i])) return i;
  if (options?.wrap !== true) return -1;
  for (let i = words.length - 1; i >= Math.max(index, 0); i--) if (isDoubtful(words[i])) return i;
  return -1;
}

export function doubtfulCount(words: readonly TranscribedWord[]): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) if (words[i].confidence < DOUBT_THRESHOLD) count++;
  return count;
}
