import type { TimedText } from '../../shared/transcript.ts';

/**
 * How early a word may be reached and still count as started: a media element reports where a
 * seek to a word's start landed a few milliseconds before it (its clock counts whole microseconds
 * and the codec's frames). Words start at least one 20 ms model frame apart, so none is skipped.
 */
export const PLAYHEAD_SLACK_SECONDS = 0.01;

/**
 * Index of the word under the playhead: the last word, of words sorted by start, that has started
 * by `seconds` (within PLAYHEAD_SLACK_SECONDS). It stays on a word through the silence after it, so
 * the highlight does not flicker between words; -1 before the first word. Binary search, because
 * the page asks on every timeupdate of transcripts tens of thousands of words long.
 */
export function wordIndexAtTime(words: readonly TimedText[], seconds: number): number {
  const by = seconds + PLAYHEAD_SLACK_SECONDS;
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle].start <= by) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
