import type { EditableWord } from './editableWord.ts';

/**
 * One change to a transcript's words: at index `at`, `removed` gave way to `inserted`. Every edit
 * is one, so undo is applying its inverse and the history holds edits, not copies of the transcript.
 */
export interface WordSplice {
  readonly at: number;
  readonly removed: readonly EditableWord[];
  readonly inserted: readonly EditableWord[];
}

/** The splice changes nothing: it puts back the very words it takes out. */
export function isEmptySplice(splice: WordSplice): boolean {
  return splice.removed.length === splice.inserted.length && splice.removed.every((word, k) => word === splice.inserted[k]);
}

/** A new array with the splice applied; words it does not touch are the same objects. */
export function applySplice(words: readonly EditableWord[], splice: WordSplice): EditableWord[] {
  const { at, removed, inserted } = splice;
  // A splice made for other words would silently corrupt these; refuse it.
  if (at < 0 || at + removed.length > words.length || removed.some((word, k) => words[at + k] !== word)) {
    throw new Error(`The edit at word ${at} was made for a different version of the transcript.`);
  }
  return [...words.slice(0, at), ...inserted, ...words.slice(at + removed.length)];
}

export function invertSplice(splice: WordSplice): WordSplice {
  return { at: splice.at, removed: splice.inserted, inserted: splice.removed };
}
