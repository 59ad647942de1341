import type { WordRange } from './paragraphs.ts';
import { wordKey } from './wordKey.ts';

/**
 * Every place `query` occurs, as the words it covers, in order and not overlapping. The search
 * ignores letter case and punctuation, and a match may begin or end inside a word and run over
 * several ("lo wor" finds HELLO WORLD), as a browser's find does. No matches for a query with no
 * letters or digits.
 */
export function findMatches(words: readonly { readonly text: string }[], query: string): WordRange[] {
  const needle = query.split(/\s+/u).map(wordKey).filter((key) => key !== '').join(' ');
  if (needle === '') return [];

  // The keys joined by single spaces, and where each word's key begins in that text.
  const offsets: number[] = [];
  const indexes: number[] = [];
  let haystack = '';
  words.forEach((word, index) => {
    const key = wordKey(word.text);
    if (key === '') return;
    if (haystack !== '') haystack += ' ';
    offsets.push(haystack.length);
    indexes.push(index);
    haystack += key;
  });

  const wordAt = (offset: number) => indexes[lastAtOrBefore(offsets, offset)];
  const matches: WordRange[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    matches.push({ from: wordAt(at), to: wordAt(at + needle.length - 1) + 1 });
  }
  return matches;
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The match to show first when the search starts at word `index` (the caret or the playhead): the
 * first that ends after it, else the first of all; -1 when there are none.
 */
export function matchIndexFrom(matches: readonly WordRange[], index: number): number {
  if (matches.length === 0) return -1;
  const found = matches.findIndex((match) => match.to > index);
  return found < 0 ? 0 : found;
}

/**
 * The next (`+1`) or previous (`-1`) of `count` matches from `current`, round the ends; from -1
 * (none shown yet) the first or the last.
 */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (((current + direction) % count) + count) % count;
}

/** "3 of 12", or "No matches". */
export function matchCountText(current: number, count: number): string {
  return count === 0 ? 'No matches' : `${current + 1} of ${count}`;
}
