import type { TimedText } from '../../shared/transcript.ts';
import type { TranscriptWord } from './editableWord.ts';

/** A silence at least this long between two words starts a new paragraph. */
export const DEFAULT_PARAGRAPH_GAP_SECONDS = 1.2;

export interface ParagraphOptions {
  /** Pause that starts a paragraph, in seconds; DEFAULT_PARAGRAPH_GAP_SECONDS when absent. */
  readonly paragraphGapSeconds?: number;
}

/** Words `from` (inclusive) to `to` (exclusive) of a transcript. */
export interface WordRange {
  readonly from: number;
  readonly to: number;
}

export interface Paragraph extends WordRange {
  /** Start of its first word, for the timestamp the paragraph opens with. */
  readonly start: number;
  /** End of its last word. */
  readonly end: number;
}

export function paragraphGap(options: ParagraphOptions | undefined): number {
  return options?.paragraphGapSeconds ?? DEFAULT_PARAGRAPH_GAP_SECONDS;
}

/** Whether the pause alone, ignoring any mark, breaks the paragraph between `previous` and `word`. */
export function pauseBreaks(previous: TimedText, word: TimedText, gapSeconds: number): boolean {
  return word.start - previous.end >= gapSeconds;
}

export function startsParagraph(words: readonly TranscriptWord[], index: number, options?: ParagraphOptions): boolean {
  if (index === 0) return true;
  const mark = words[index].paragraph;
  if (mark !== undefined) return mark === 'split';
  return pauseBreaks(words[index - 1], words[index], paragraphGap(options));
}

/** The transcript laid out in paragraphs; none for an empty transcript. */
export function paragraphs(words: readonly TranscriptWord[], options?: ParagraphOptions): Paragraph[] {
  const result: Paragraph[] = [];
  let from = 0;
  for (let i = 1; i <= words.length; i++) {
    if (i === words.length || startsParagraph(words, i, options)) {
      result.push({ from, to: i, start: words[from].start, end: words[i - 1].end });
      from = i;
    }
  }
  return result;
}
