import type { TranscribedWord } from '../../shared/transcript.ts';
import { createEditHistory, recordEdit, redo, undo, type EditHistory } from './editHistory.ts';
import { toEditableWords, type EditableWord, type TranscriptWord } from './editableWord.ts';
import type { WordSplice } from './wordSplice.ts';

/**
 * A job's corrections. A running job keeps committing words after the user's first edit, so the
 * history covers only the first `wordCount` committed words; the words committed since follow
 * unedited, and join the history at the next edit. Appending never moves a word the history's
 * splices name, so undo and redo stay valid.
 */
export interface JobEdits {
  readonly history: EditHistory;
  readonly wordCount: number;
}

interface EditedJob {
  readonly words: readonly TranscribedWord[];
  readonly edits: JobEdits | null;
}

/** The job's words as the user sees them: the edited words, then any committed since. */
export function shownWords(job: EditedJob): readonly TranscriptWord[] {
  const { edits, words } = job;
  if (edits === null) return words;
  if (edits.wordCount === words.length) return edits.history.words;
  return [...edits.history.words, ...toEditableWords(words.slice(edits.wordCount))];
}

/** The history over every word committed so far, ready for an edit. */
export function currentHistory(job: EditedJob): EditHistory {
  const { edits, words } = job;
  if (edits === null) return createEditHistory(toEditableWords(words));
  if (edits.wordCount === words.length) return edits.history;
  return { ...edits.history, words: [...edits.history.words, ...toEditableWords(words.slice(edits.wordCount))] };
}

/** The job's edits with `edit`, made for the words currentHistory returns, applied and undoable. */
export function withEdit(job: EditedJob, edit: (words: readonly EditableWord[]) => WordSplice): JobEdits {
  const history = currentHistory(job);
  return { history: recordEdit(history, edit(history.words)), wordCount: job.words.length };
}

export function withUndo(job: EditedJob): JobEdits {
  return { history: undo(currentHistory(job)), wordCount: job.words.length };
}

export function withRedo(job: EditedJob): JobEdits {
  return { history: redo(currentHistory(job)), wordCount: job.words.length };
}

/** How many words are edited and not yet accepted. */
export function editedCount(words: readonly TranscriptWord[]): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) if (words[i].edited === true) count++;
  return count;
}
