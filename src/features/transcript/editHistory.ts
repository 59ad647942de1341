import type { EditableWord } from './editableWord.ts';
import { applySplice, invertSplice, isEmptySplice, type WordSplice } from './wordSplice.ts';

/** Undo keeps this many edits unless told otherwise; older ones are forgotten. */
export const DEFAULT_UNDO_LIMIT = 200;

/** The words being edited, with the edits that undo and redo step through. */
export interface EditHistory {
  readonly words: readonly EditableWord[];
  /** Edits made, oldest first. */
  readonly done: readonly WordSplice[];
  /** Edits undone, most recently undone last. */
  readonly undone: readonly WordSplice[];
  readonly limit: number;
}

export function createEditHistory(words: readonly EditableWord[], limit = DEFAULT_UNDO_LIMIT): EditHistory {
  if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError(`An undo limit must be a whole number ≥ 0, not ${limit}.`);
  return { words, done: [], undone: [], limit };
}

/** Applies `edit` and makes it the one to undo next; a new edit clears redo. An edit that changes nothing is not kept. */
export function recordEdit(history: EditHistory, edit: WordSplice): EditHistory {
  if (isEmptySplice(edit)) return history;
  const done = [...history.done, edit];
  return {
    ...history,
    words: applySplice(history.words, edit),
    done: done.slice(Math.max(0, done.length - history.limit)),
    undone: [],
  };
}

export function canUndo(history: EditHistory): boolean {
  return history.done.length > 0;
}

export function canRedo(history: EditHistory): boolean {
  return history.undone.length > 0;
}

/** The history with its last edit undone; unchanged when there is none. */
export function undo(history: EditHistory): EditHistory {
  const edit = history.done.at(-1);
  if (edit === undefined) return history;
  return { ...history, words: applySplice(history.words, invertSplice(edit)), done: history.done.slice(0, -1), undone: [...history.undone, edit] };
}

/** The history with its last undone edit made again; unchanged when there is none. */
export function redo(history: EditHistory): EditHistory {
  const edit = history.undone.at(-1);
  if (edit === undefined) return history;
  return { ...history, words: applySplice(history.words, edit), done: [...history.done, edit], undone: history.undone.slice(0, -1) };
}
