import { CAPTION_RULES } from './captionRules.ts';
import { isNaturalBreak, type CaptionToken } from './captionTokens.ts';

const { maxLineCharacters, maxLines } = CAPTION_RULES;

// Imbalance, in characters, worth putting up with to break the lines at punctuation or a pause.
const UNNATURAL_LINE_BREAK_CHARACTERS = 10;

/** Characters of `tokens` from `from` to `to` (exclusive) on one line, a space between each. */
export function lineLength(tokens: readonly CaptionToken[], from: number, to: number): number {
  let length = to - from - 1;
  for (let k = from; k < to; k++) length += tokens[k].length;
  return length;
}

/** Whether tokens `from` to `to` (exclusive) fit in the lines a cue may have. */
export function fitsInCue(tokens: readonly CaptionToken[], from: number, to: number): boolean {
  let lines = 1;
  let used = -1;
  for (let k = from; k < to; k++) {
    if (used + 1 + tokens[k].length <= maxLineCharacters) used += 1 + tokens[k].length;
    else if (++lines > maxLines) return false;
    else used = tokens[k].length;
  }
  return true;
}

/**
 * Tokens that fit a cue (fitsInCue) as its lines: one line when they fit on it, otherwise two,
 * broken where the lines come out most even, preferring a natural break or a clause mark.
 */
export function cueLines(tokens: readonly CaptionToken[], from: number, to: number): string[] {
  const line = (a: number, b: number) =>
    tokens
      .slice(a, b)
      .map((token) => token.text)
      .join(' ');
  if (lineLength(tokens, from, to) <= maxLineCharacters) return [line(from, to)];
  let best = -1;
  let bestCost = Infinity;
  for (let k = from + 1; k < to; k++) {
    const first = lineLength(tokens, from, k);
    const second = lineLength(tokens, k, to);
    if (first > maxLineCharacters || second > maxLineCharacters) continue;
    const kind = tokens[k - 1].breakAfter;
    const cost = Math.abs(first - second) + (isNaturalBreak(kind) || kind === 'clause' ? 0 : UNNATURAL_LINE_BREAK_CHARACTERS);
    if (cost < bestCost) {
      best = k;
      bestCost = cost;
    }
  }
  if (best < 0) throw new Error('cueLines was given more than a cue holds.');
  return [line(from, best), line(best, to)];
}
