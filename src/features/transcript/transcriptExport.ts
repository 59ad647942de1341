import { captionCues, type CaptionCue } from './captionCues.ts';
import { cueTimestamp } from './cueTimestamp.ts';
import { displayTexts, type DisplayOptions } from './displayCase.ts';
import type { TranscriptWord } from './editableWord.ts';
import { paragraphs } from './paragraphs.ts';

// The cues the subtitle files hold, for callers that want them without a file format.

/** How exports write the words: their case, and the pause that breaks paragraphs. */
export type ExportOptions = DisplayOptions;

/**
 * The words in paragraphs, a blank line between paragraphs and single spaces between words, with no
 * line break at the end; a word longer than a line stays whole. Empty for no words.
 */
export function plainText(words: readonly TranscriptWord[], options?: ExportOptions): string {
  const shown = displayTexts(words, options);
  return paragraphs(words, options)
    .map(({ from, to }) => shown.slice(from, to).join(' '))
    .join('\n\n');
}

/** SubRip cues (captionCues), numbered from 1; an empty file for no words. */
export function toSrt(words: readonly TranscriptWord[], options?: ExportOptions): string {
  return captionCues(words, options)
    .map((cue, i) => `${i + 1}\n${cueTimestamp(cue.start, ',')} --> ${cueTimestamp(cue.end, ',')}\n${cue.text}\n`)
    .join('\n');
}

// Cue text is markup in WebVTT: these three would start a tag or an entity, or end the cue ("-->").
function escapeCueText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function webVttCue(cue: CaptionCue): string {
  return `${cueTimestamp(cue.start, '.')} --> ${cueTimestamp(cue.end, '.')}\n${cue.lines.map(escapeCueText).join('\n')}\n`;
}

/** A WebVTT file of captionCues; just the header for no words. */
export function toWebVtt(words: readonly TranscriptWord[], options?: ExportOptions): string {
  return ['WEBVTT\n', ...captionCues(words, options).map(webVttCue)].join('\n');
}

/**
 * JSON: `text`, as plainText writes it, and `words`, each with its text as displayed, start and end
 * in seconds, confidence and whether it is edited (and not yet accepted). For no words, empty text
 * and no words.
 */
export function toJson(words: readonly TranscriptWord[], options?: ExportOptions): string {
  const shown = displayTexts(words, options);
  return JSON.stringify(
    {
      text: plainText(words, options),
      words: words.map((word, i) => ({ text: shown[i], start: word.start, end: word.end, confidence: word.confidence, edited: word.edited === true })),
    },
    null,
    2,
  );
}
