import { displayTexts, type DisplayOptions } from './displayCase.ts';
import type { TranscriptWord } from './editableWord.ts';
import { startsParagraph } from './paragraphs.ts';
import { endsClause, endsSentence } from './punctuation.ts';
import { CAPTION_RULES } from './captionRules.ts';

/**
 * What follows a token, from the best place to end a cue to the worst: the end of the transcript,
 * a paragraph break, a sentence end or a pause (the natural breaks), a clause mark, a plain space
 * between words, or the middle of a word too long for a line.
 */
export type CaptionBreak = 'end' | 'paragraph' | 'sentence' | 'pause' | 'clause' | 'space' | 'inWord';

/** A word as captions lay it out, or a line-long piece of a word longer than a line. Times in ms. */
export interface CaptionToken {
  readonly text: string;
  /** Characters (code points), as the line limit counts them. */
  readonly length: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly breakAfter: CaptionBreak;
}

export function isNaturalBreak(kind: CaptionBreak): boolean {
  return kind === 'end' || kind === 'paragraph' || kind === 'sentence' || kind === 'pause';
}

const toMs = (seconds: number) => Math.max(0, Math.round(seconds * 1000));

function breakAfter(words: readonly TranscriptWord[], shown: readonly string[], index: number, options: DisplayOptions | undefined): CaptionBreak {
  if (index === words.length - 1) return 'end';
  if (startsParagraph(words, index + 1, options)) return 'paragraph';
  if (endsSentence(shown[index])) return 'sentence';
  if (words[index + 1].start - words[index].end >= CAPTION_RULES.breakPauseSeconds) return 'pause';
  return endsClause(shown[index]) ? 'clause' : 'space';
}

/**
 * The words in their display text as caption tokens. A word longer than a line is cut, without a
 * hyphen, into pieces of a full line each and the rest, which divide its time by length; each full
 * piece fills a line of its own.
 */
export function captionTokens(words: readonly TranscriptWord[], options?: DisplayOptions): CaptionToken[] {
  const shown = displayTexts(words, options);
  const tokens: CaptionToken[] = [];
  words.forEach((word, index) => {
    const characters = [...shown[index]];
    const startMs = toMs(word.start);
    const endMs = Math.max(startMs, toMs(word.end));
    const after = breakAfter(words, shown, index, options);
    const pieces = Math.ceil(characters.length / CAPTION_RULES.maxLineCharacters);
    for (let p = 0; p < pieces; p++) {
      const from = p * CAPTION_RULES.maxLineCharacters;
      const to = Math.min(characters.length, from + CAPTION_RULES.maxLineCharacters);
      const at = (offset: number) => startMs + Math.round(((endMs - startMs) * offset) / characters.length);
      tokens.push({
        text: characters.slice(from, to).join(''),
        length: to - from,
        startMs: at(from),
        endMs: at(to),
        breakAfter: p === pieces - 1 ? after : 'inWord',
      });
    }
  });
  return tokens;
}
