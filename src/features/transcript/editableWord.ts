import type { TranscribedWord } from '../../shared/transcript.ts';

/**
 * Overrides the pause rule for the paragraph break before a word: `'split'` starts a paragraph at
 * the word whatever the pause, `'join'` keeps it in the previous paragraph whatever the pause.
 */
export type ParagraphMark = 'split' | 'join';

/** A word of a transcript the user can correct. */
export interface EditableWord extends TranscribedWord {
  /** Changed or inserted by the user and not yet accepted. */
  readonly edited: boolean;
  /**
   * The text was typed by the user, so its letter case is theirs and sentence case keeps it.
   * Accepting an edit leaves this set: the text stays the user's.
   */
  readonly typedByUser: boolean;
  readonly paragraph?: ParagraphMark;
}

/** Model words and edited words alike: layout, display, search and the exporters read either. */
export type TranscriptWord = TranscribedWord & Partial<Pick<EditableWord, 'edited' | 'typedByUser' | 'paragraph'>>;

export function toEditableWords(words: readonly TranscribedWord[]): EditableWord[] {
  return words.map(({ text, start, end, confidence }) => ({ text, start, end, confidence, edited: false, typedByUser: false }));
}

export function withParagraphMark(word: EditableWord, mark: ParagraphMark | undefined): EditableWord {
  if (word.paragraph === mark) return word;
  const { paragraph: _dropped, ...rest } = word;
  return mark === undefined ? rest : { ...rest, paragraph: mark };
}
