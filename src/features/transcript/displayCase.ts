import type { TranscriptWord } from './editableWord.ts';
import { startsParagraph, type ParagraphOptions } from './paragraphs.ts';
import { endsSentence } from './punctuation.ts';

/**
 * `'asTranscribed'`: each word as stored (the model writes upper case). `'sentence'`: the model's
 * words in lower case except the first word of each paragraph or sentence and I, I'M, I'LL, I'D,
 * I'VE; words the user typed keep their own case and only gain those capitals.
 */
export type DisplayCase = 'asTranscribed' | 'sentence';

export interface DisplayOptions extends ParagraphOptions {
  /** `'asTranscribed'` when absent. */
  readonly displayCase?: DisplayCase;
}

// The pronoun alone or contracted, with any punctuation around it: "i", "(i'm", "i'd,".
const PRONOUN_I = /^([^\p{L}\p{N}]*)i((?:['’](?:m|ll|d|ve))?[^\p{L}\p{N}]*)$/iu;
const FIRST_LETTER = /\p{L}/u;

function startsSentence(words: readonly TranscriptWord[], index: number, options: DisplayOptions | undefined): boolean {
  return startsParagraph(words, index, options) || endsSentence(words[index - 1].text);
}

function capitalizeFirstLetter(text: string): string {
  const at = text.search(FIRST_LETTER);
  return at < 0 ? text : text.slice(0, at) + text[at].toUpperCase() + text.slice(at + 1);
}

function sentenceCase(words: readonly TranscriptWord[], index: number, options: DisplayOptions | undefined): string {
  const word = words[index];
  const text = word.typedByUser === true ? word.text : word.text.toLowerCase();
  const pronoun = PRONOUN_I.exec(text);
  if (pronoun !== null) return `${pronoun[1]}I${pronoun[2]}`;
  return startsSentence(words, index, options) ? capitalizeFirstLetter(text) : text;
}

/** The text shown, searched by eye and exported for word `index`. */
export function displayWordText(words: readonly TranscriptWord[], index: number, options?: DisplayOptions): string {
  return options?.displayCase === 'sentence' ? sentenceCase(words, index, options) : words[index].text;
}

export function displayTexts(words: readonly TranscriptWord[], options?: DisplayOptions): string[] {
  return words.map((_, i) => displayWordText(words, i, options));
}
