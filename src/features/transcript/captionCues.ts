import type { TimedText } from '../../shared/transcript.ts';
import type { DisplayOptions } from './displayCase.ts';
import type { TranscriptWord } from './editableWord.ts';
import { cueLines, fitsInCue, lineLength } from './captionLines.ts';
import { CAPTION_RULES } from './captionRules.ts';
import { captionTokens, isNaturalBreak, type CaptionBreak, type CaptionToken } from './captionTokens.ts';

/** A caption: its lines, and `text` the lines joined by line breaks. Times in seconds, whole milliseconds. */
export interface CaptionCue extends TimedText {
  readonly lines: readonly string[];
}

export type CaptionOptions = DisplayOptions;

const MIN_MS = Math.round(CAPTION_RULES.minCueSeconds * 1000);
const MAX_MS = Math.round(CAPTION_RULES.maxCueSeconds * 1000);

// Weighs equally natural segmentations: a cue costs 1, an end at no natural break more the worse
// it is, and each second a cue lacks for reading at 17 characters a second before the next starts, 4.
const BREAK_COST: Record<CaptionBreak, number> = { end: 0, paragraph: 0, sentence: 0, pause: 0, clause: 1, space: 2, inWord: 3 };
const CUE_COST = 1;
const COST_PER_SECOND_TOO_FAST = 4;

/**
 * What a cue costs the segmentation, compared in order: `offTime`, the milliseconds by which it
 * breaks a timing rule if it is shown in time with its words (its words last over 7 s, or the next
 * cue starts within 0.83 s of it) so that a later cue would have to be moved off its words;
 * `unnatural`, whether it ends at no natural break; `style`, the rest.
 */
interface Cost {
  readonly offTime: number;
  readonly unnatural: number;
  readonly style: number;
}

const ZERO: Cost = { offTime: 0, unnatural: 0, style: 0 };
const add = (a: Cost, b: Cost): Cost => ({ offTime: a.offTime + b.offTime, unnatural: a.unnatural + b.unnatural, style: a.style + b.style });
const less = (a: Cost, b: Cost) =>
  a.offTime !== b.offTime ? a.offTime < b.offTime : a.unnatural !== b.unnatural ? a.unnatural < b.unnatural : a.style < b.style;

function readingMs(characters: number): number {
  return Math.ceil((characters * 1000) / CAPTION_RULES.maxCharactersPerSecond);
}

/** The cost of a cue of tokens `from` to `to` (exclusive), the next cue starting at token `to`. */
function cueCost(tokens: readonly CaptionToken[], from: number, to: number): Cost {
  const start = tokens[from].startMs;
  const last = tokens[to - 1];
  const nextStart = to < tokens.length ? tokens[to].startMs : Infinity;
  const tooLong = to - from > 1 ? Math.max(0, last.endMs - start - MAX_MS) : 0;
  const tooShort = Math.max(0, MIN_MS - (nextStart - start));
  const tooFast = Math.max(0, readingMs(lineLength(tokens, from, to)) - Math.min(MAX_MS, nextStart - start)) / 1000;
  return {
    offTime: tooLong + tooShort,
    unnatural: isNaturalBreak(last.breakAfter) ? 0 : 1,
    style: CUE_COST + BREAK_COST[last.breakAfter] + COST_PER_SECOND_TOO_FAST * tooFast,
  };
}

/**
 * Where cues start, as token indexes: the cheapest segmentation (Cost) by dynamic programming over
 * the cues a cue could be, those whose tokens fit its lines and that cross no paragraph break.
 */
function cueStarts(tokens: readonly CaptionToken[]): number[] {
  const best: Cost[] = [ZERO];
  const startOfLast: number[] = [0];
  for (let to = 1; to <= tokens.length; to++) {
    let bestCost: Cost | undefined;
    let bestFrom = to - 1;
    for (let from = to - 1; from >= 0; from--) {
      if (from < to - 1 && tokens[from].breakAfter === 'paragraph') break;
      if (!fitsInCue(tokens, from, to)) break;
      const cost = add(best[from], cueCost(tokens, from, to));
      if (bestCost === undefined || less(cost, bestCost)) {
        bestCost = cost;
        bestFrom = from;
      }
    }
    best.push(bestCost ?? ZERO);
    startOfLast.push(bestFrom);
  }
  const starts: number[] = [];
  for (let to = tokens.length; to > 0; to = startOfLast[to]) starts.unshift(startOfLast[to]);
  return starts;
}

/**
 * The transcript as caption cues, in the display options' case. Cues end at paragraph breaks,
 * and elsewhere as few as possible away from sentence ends and pauses (CAPTION_RULES.breakPauseSeconds);
 * each has at most two lines of 42 characters (a word longer than a line is cut into line-long
 * pieces, so one of more than two lines' worth spans cues). A cue starts with its first word unless
 * the previous cue must still show, lasts 0.83 to 7 s, stays up after its words while the silence
 * lets it reach 17 characters a second, and ends no later than the next cue starts. No cues for
 * no words.
 */
export function captionCues(words: readonly TranscriptWord[], options?: CaptionOptions): CaptionCue[] {
  const tokens = captionTokens(words, options);
  const starts = cueStarts(tokens);
  const cues: CaptionCue[] = [];
  let previousEnd = 0;
  starts.forEach((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1] : tokens.length;
    const start = Math.max(tokens[from].startMs, previousEnd);
    const nextStart = to < tokens.length ? tokens[to].startMs : Infinity;
    const wanted = Math.max(tokens[to - 1].endMs, start + Math.max(MIN_MS, readingMs(lineLength(tokens, from, to))));
    const end = Math.max(start + MIN_MS, Math.min(wanted, nextStart, start + MAX_MS));
    const lines = cueLines(tokens, from, to);
    cues.push({ text: lines.join('\n'), start: start / 1000, end: end / 1000, lines });
    previousEnd = end;
  });
  return cues;
}
