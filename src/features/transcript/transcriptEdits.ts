import { withParagraphMark, type EditableWord } from './editableWord.ts';
import { displayWordText, type DisplayOptions } from './displayCase.ts';
import { paragraphGap, pauseBreaks, startsParagraph, type ParagraphOptions } from './paragraphs.ts';
import { alignEditedText } from './wordAligner.ts';
import type { WordSplice } from './wordSplice.ts';

/** The display the user edited in, so that the words they left alone are recognised as unchanged. */
export type EditOptions = DisplayOptions;

/**
 * `word`, at `index` after `previous`, marked so that it starts a paragraph exactly when
 * `shouldStart`: unmarked where the pause already decides it that way.
 */
function withParagraphStart(
  previous: EditableWord | undefined,
  word: EditableWord,
  shouldStart: boolean,
  options: ParagraphOptions | undefined,
): EditableWord {
  const byPause = previous === undefined || pauseBreaks(previous, word, paragraphGap(options));
  const mark = previous === undefined || byPause === shouldStart ? undefined : shouldStart ? 'split' : 'join';
  return withParagraphMark(word, mark);
}

function checkRange(words: readonly EditableWord[], from: number, to: number): void {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= words.length)) {
    throw new RangeError(`No words ${from} to ${to} in a transcript of ${words.length}.`);
  }
}

/**
 * Replaces words `from` to `to` (exclusive) with `text`, split at white space: correcting one word
 * or a run, inserting (`from === to`; the words join the paragraph before, or the first paragraph
 * at 0) and deleting (empty `text`). Timings come from alignEditedText. The paragraphs stay as
 * they were: one that began at the range's first word begins at the first word put there (so, to
 * begin a paragraph with new words, include its first word in the range), one that began at the
 * word after the range still does, and words kept keep theirs; one that began at any other word
 * deleted or replaced merges into the paragraph before, as deleting a paragraph break would.
 */
export function replaceWords(words: readonly EditableWord[], from: number, to: number, text: string, options?: EditOptions): WordSplice {
  checkRange(words, from, to);
  const original = words.slice(from, to);
  const shown = original.map((_, k) => displayWordText(words, from + k, options));
  const tokens = text.split(/\s+/u).filter((token) => token !== '');
  if (from === to && tokens.length === 0) return { at: from, removed: [], inserted: [] };
  const previous = from > 0 ? words[from - 1] : undefined;
  const next = to < words.length ? words[to] : undefined;
  const aligned = alignEditedText(original, shown, tokens, { previous, next });

  const firstStarts = from < to ? startsParagraph(words, from, options) : from === 0;
  const inserted = aligned.words.map((word, k) => {
    const source = aligned.sources[k];
    if (k === 0) return withParagraphStart(previous, word, firstStarts, options);
    // New words start no paragraph but the first; the first word's start has passed to the words typed before it.
    const starts = source > 0 && startsParagraph(words, from + source, options);
    return withParagraphStart(aligned.words[k - 1], word, starts, options);
  });

  const removed = [...original];
  if (next !== undefined) {
    const nextStarts = from === to && from === 0 ? false : startsParagraph(words, to, options) || (inserted.length === 0 && firstStarts);
    const marked = withParagraphStart(inserted.at(-1) ?? previous, next, nextStarts, options);
    if (marked !== next) {
      removed.push(next);
      inserted.push(marked);
    }
  }
  return { at: from, removed, inserted };
}

/** Starts a paragraph at word `index`; no change where one starts already. */
export function splitParagraphBefore(words: readonly EditableWord[], index: number, options?: ParagraphOptions): WordSplice {
  return setParagraphStart(words, index, true, options);
}

/** Joins the paragraph that starts at word `index` to the one before; no change where none starts there. */
export function joinParagraphAt(words: readonly EditableWord[], index: number, options?: ParagraphOptions): WordSplice {
  return setParagraphStart(words, index, false, options);
}

function setParagraphStart(words: readonly EditableWord[], index: number, shouldStart: boolean, options?: ParagraphOptions): WordSplice {
  checkRange(words, index, index + 1);
  if (index === 0 || startsParagraph(words, index, options) === shouldStart) return { at: index, removed: [], inserted: [] };
  return { at: index, removed: [words[index]], inserted: [withParagraphStart(words[index - 1], words[index], shouldStart, options)] };
}

/** Clears the edited flag of the words `from` to `to` (exclusive; all by default). */
export function acceptEdits(words: readonly EditableWord[], from = 0, to = words.length): WordSplice {
  checkRange(words, from, to);
  let first = from;
  while (first < to && !words[first].edited) first++;
  let last = to;
  while (last > first && !words[last - 1].edited) last--;
  const removed = words.slice(first, last);
  return { at: first, removed, inserted: removed.map((word) => (word.edited ? { ...word, edited: false } : word)) };
}
