import fc from 'fast-check';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import type { EditableWord } from '../../src/features/transcript/editableWord.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A word as the model writes it: upper-case letters, now and then an apostrophe. */
export const modelText = fc
  .tuple(fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([letters, apostrophe]) => (apostrophe && letters.length > 1 ? `${letters.slice(0, -1)}'${letters.slice(-1)}` : letters));

/**
 * Word texts as an edited transcript may hold them: mostly the model's, some with the user's
 * punctuation or case, markup-like characters, and words longer than a caption line (43 to 130).
 */
export const wordText = fc.oneof(
  { weight: 12, arbitrary: modelText },
  { weight: 2, arbitrary: fc.tuple(modelText, fc.constantFrom('.', ',', '?', '!', ';', '."', ':')).map(([w, p]) => w + p) },
  { weight: 1, arbitrary: fc.constantFrom('Paris', 'NASA', "don't", 'café', 'I', "I'M", 'i', '—', '&', '<b>', 'a&b', '-->', 'x>y', '12', '3.5') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 43, maxLength: 130 }) },
);

/** Silences between words: none, short, a pause, a paragraph break. */
export const gapSeconds = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 8, arbitrary: fc.double({ min: 0.01, max: 0.3, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0.5, max: 1.19, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1.2, max: 8, noNaN: true }) },
);

/** Word durations: sometimes none (a word typed into no silence), rarely longer than a cue may last. */
const durationSeconds = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 12, arbitrary: fc.double({ min: 0.05, max: 1.2, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 7.5, max: 12, noNaN: true }) },
);

export interface StreamConstraints {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly text?: fc.Arbitrary<string>;
  readonly gap?: fc.Arbitrary<number>;
}

/** Words in time order, none overlapping the next, as the decoder and the aligner produce them. */
export function wordStream({ minLength = 0, maxLength = 60, text = wordText, gap = gapSeconds }: StreamConstraints = {}): fc.Arbitrary<TranscribedWord[]> {
  return fc
    .array(fc.record({ text, gap, duration: durationSeconds, confidence: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength, maxLength })
    .chain((parts) =>
      fc.double({ min: 0, max: 3600, noNaN: true }).map((offset) => {
        let time = offset;
        return parts.map(({ text: t, gap: silence, duration, confidence }) => {
          const start = time + silence;
          time = start + duration;
          return { text: t, start, end: time, confidence };
        });
      }),
    );
}

/** `words` as the editor holds them, with the given words marked as typed by the user. */
export function editable(words: readonly TranscribedWord[], typedByUser: (index: number) => boolean = () => false): EditableWord[] {
  return words.map((w, i) => ({ ...w, edited: false, typedByUser: typedByUser(i) }));
}

/** Words from "TEXT@start-end" specs, for readable examples: `timed('HELLO@0-0.5 WORLD@0.6-1')`. */
export function timed(spec: string, confidence = 0.9): EditableWord[] {
  return spec
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((s) => {
      const match = /^(.+)@([\d.]+)-([\d.]+)$/.exec(s);
      if (match === null) throw new Error(`not a timed word: ${s}`);
      return { text: match[1], start: Number(match[2]), end: Number(match[3]), confidence, edited: false, typedByUser: false };
    });
}
