import type { TimedText } from '../../shared/transcript.ts';

/**
 * Index of the word under the playhead: the last word, of words sorted by start, that has started
 * by `seconds`. It stays on a word through the silence after it, so the highlight does not flicker
 * between words; -1 before the first word. Binary search, because the page asks on every
 * timeupdate of transcripts tens of thousands of words long.
 */
export function wordIndexAtTime(words: readonly TimedText[], seconds: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle].start <= seconds) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
