import { diffArrays } from 'diff';
import type { TimedText } from '../../shared/transcript.ts';
import type { EditableWord } from './editableWord.ts';
import { wordKey } from './wordKey.ts';

// A word typed into a silence has no audio to take its time from: it gets about the time speech
// gives its letters (15 a second, the space included), squeezed if the silence is shorter.
const INSERTED_SECONDS_PER_CHARACTER = 1 / 15;

// Myers' diff costs (words × differences); past this many differences the texts are too unlike to
// align word by word, and the new words share the old words' time instead.
const MAX_ALIGNED_DIFFERENCES = 500;

export interface AlignmentNeighbours {
  /** The word just before the edited words, if any. */
  readonly previous?: TimedText;
  /** The word just after them, if any. */
  readonly next?: TimedText;
}

export interface AlignedWords {
  readonly words: EditableWord[];
  /** For each of `words`, the index in `original` of the word it is (perhaps retyped), or -1 for a new word. */
  readonly sources: number[];
}

const characters = (text: string) => [...text].length;

function typed(text: string, start: number, end: number): EditableWord {
  return { text, start, end, confidence: 1, edited: true, typedByUser: true };
}

/** `tokens` over [start, end], each taking a share of the time in proportion to `weights`. */
function share(tokens: readonly string[], weights: readonly number[], start: number, end: number, anchorEnd: boolean): EditableWord[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const span = end - start;
  let before = 0;
  // Anchoring at the end keeps the last word's end exactly on `end` despite rounding.
  const at = (weight: number) =>
    Math.min(end, Math.max(start, anchorEnd ? end - span * (1 - weight / total) : start + span * (weight / total)));
  return tokens.map((token, k) => {
    const wordStart = at(before);
    before += weights[k];
    return typed(token, wordStart, at(before));
  });
}

/**
 * Words typed where there were none: into the silence between `previous` and `next`, packed
 * against `next` when `towardNext`, otherwise against `previous`.
 */
function inserted(tokens: readonly string[], previous: TimedText | undefined, next: TimedText | undefined, towardNext: boolean): EditableWord[] {
  const lo = previous?.end ?? 0;
  const hi = Math.max(next?.start ?? Infinity, lo);
  const durations = tokens.map((token) => (characters(token) + 1) * INSERTED_SECONDS_PER_CHARACTER);
  const span = Math.min(hi - lo, durations.reduce((sum, d) => sum + d, 0));
  // hi - (hi - lo) can round to below lo: the new words must not start before the word they follow.
  return towardNext && hi !== Infinity ? share(tokens, durations, Math.max(lo, hi - span), hi, true) : share(tokens, durations, lo, lo + span, false);
}

/** Words that replace `removed`: one for one when the counts agree, else sharing their time by length. */
function replaced(tokens: readonly string[], removed: readonly EditableWord[]): EditableWord[] {
  if (tokens.length === removed.length) return tokens.map((token, k) => typed(token, removed[k].start, removed[k].end));
  return share(tokens, tokens.map(characters), removed[0].start, removed[removed.length - 1].end, false);
}

/**
 * Aligns the text the user typed in place of `original` with it, after the BBC transcript editor's
 * aligner (stt-align-node): a word diff over letters and digits only pairs each typed token with
 * an original word where they are the same word. A paired word keeps its timing exactly, and stays
 * the same object if the token is what was shown for it (`shown[i]`, for `original[i]`); if not, it
 * takes the new text and is marked edited. Unpaired tokens get timings between their neighbours,
 * in order: those replacing removed words share the removed words' time, and those typed into a
 * silence take a speech-like duration there. A run typed before every original word, or at the
 * start of the transcript, is placed against the word that follows it (so it stays in that word's
 * paragraph); any other run against the word before it.
 */
export function alignEditedText(
  original: readonly EditableWord[],
  shown: readonly string[],
  tokens: readonly string[],
  neighbours: AlignmentNeighbours,
): AlignedWords {
  const changes = diffArrays(original.map((w) => wordKey(w.text)), tokens.map(wordKey), { maxEditLength: MAX_ALIGNED_DIFFERENCES }) ?? [
    { removed: true, added: false, count: original.length },
    { removed: false, added: true, count: tokens.length },
  ];
  const words: EditableWord[] = [];
  const sources: number[] = [];
  let oldAt = 0;
  let newAt = 0;
  let removedFrom = 0;
  let addedFrom = 0;

  const placeUnpaired = () => {
    const removed = original.slice(removedFrom, oldAt);
    const added = tokens.slice(addedFrom, newAt);
    if (added.length > 0) {
      const placed =
        removed.length > 0
          ? replaced(added, removed)
          : inserted(
              added,
              words.at(-1) ?? neighbours.previous,
              original[oldAt] ?? neighbours.next,
              words.length === 0 && (original.length > 0 || neighbours.previous === undefined),
            );
      words.push(...placed);
      sources.push(...placed.map(() => -1));
    }
  };

  for (const change of changes) {
    if (change.added) newAt += change.count;
    else if (change.removed) oldAt += change.count;
    else {
      placeUnpaired();
      for (let k = 0; k < change.count; k++, oldAt++, newAt++) {
        const word = original[oldAt];
        const token = tokens[newAt];
        words.push(token === shown[oldAt] ? word : { ...word, text: token, confidence: 1, edited: true, typedByUser: true });
        sources.push(oldAt);
      }
      removedFrom = oldAt;
      addedFrom = newAt;
    }
  }
  placeUnpaired();
  return { words, sources };
}
