import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EditableWord } from '../../../src/features/transcript/editableWord.ts';
import { alignEditedText } from '../../../src/features/transcript/wordAligner.ts';
import { wordKey } from '../../../src/features/transcript/wordKey.ts';
import { editable, modelText, timed, wordStream } from '../../support/wordStreams.ts';

const align = (original: EditableWord[], text: string, neighbours = {}) =>
  alignEditedText(original, original.map((w) => w.text), text.split(' ').filter((t) => t !== ''), neighbours);

const times = (words: readonly EditableWord[]) => words.map((w) => [w.text, w.start, w.end]);

describe('aligning edited text with the timed words', () => {
  const original = timed('THE@0-0.2 CAT@0.3-0.6 SAT@0.7-1 DOWN@1.5-1.9');

  it('keeps unchanged words as they were, the same objects', () => {
    const { words, sources } = align(original, 'THE CAT SAT DOWN');
    expect(words.every((w, i) => w === original[i])).toBe(true);
    expect(sources).toEqual([0, 1, 2, 3]);
  });

  it('gives a word corrected one for one the time of the word it replaces', () => {
    const { words, sources } = align(original, 'THE DOG SAT DOWN');
    expect(words[1]).toEqual({ text: 'DOG', start: 0.3, end: 0.6, confidence: 1, edited: true, typedByUser: true });
    expect(sources).toEqual([0, -1, 2, 3]);
    expect(words[2]).toBe(original[2]);
  });

  it('shares the time of replaced words among their replacements by length', () => {
    const { words } = align(original, 'THE BIG DOGS SAT DOWN');
    // CAT (0.3 to 0.6) gives way to BIG (3 letters) and DOGS (4).
    expect(words[1].start).toBe(0.3);
    expect(words[1].end).toBeCloseTo(0.3 + (0.3 * 3) / 7, 12);
    expect(words[2].start).toBe(words[1].end);
    expect(words[2].end).toBe(0.6);
    expect(align(original, 'THE SAT', {}).words[1]).toBe(original[2]);
  });

  it('keeps the time of a word given punctuation or another case, marking it edited', () => {
    const { words, sources } = align(original, 'The cat sat down.');
    expect(times(words)).toEqual([
      ['The', 0, 0.2],
      ['cat', 0.3, 0.6],
      ['sat', 0.7, 1],
      ['down.', 1.5, 1.9],
    ]);
    expect(words.every((w) => w.edited && w.typedByUser && w.confidence === 1)).toBe(true);
    expect(sources).toEqual([0, 1, 2, 3]);
  });

  it('recognises words left as they were shown, in sentence case', () => {
    const shown = ['The', 'cat', 'sat', 'down'];
    const { words } = alignEditedText(original, shown, ['The', 'cat', 'sat', 'Down'], {});
    expect(words.slice(0, 3).every((w, i) => w === original[i])).toBe(true);
    expect(words[3]).toMatchObject({ text: 'Down', start: 1.5, end: 1.9, edited: true });
  });

  it('packs a word typed into a silence against the word before it', () => {
    const { words } = align(original, 'THE CAT SAT RIGHT DOWN');
    // RIGHT and a space at 15 characters a second: 0.4 s, inside the 0.5 s silence after SAT.
    expect(words[3].start).toBe(1);
    expect(words[3].end).toBeCloseTo(1.4, 12);
    expect(words[4]).toBe(original[3]);
  });

  it('squeezes words typed between two words that touch into no time', () => {
    const touching = timed('A@0-1 C@1-2');
    const { words } = align(touching, 'A B B C');
    expect(times(words)).toEqual([
      ['A', 0, 1],
      ['B', 1, 1],
      ['B', 1, 1],
      ['C', 1, 2],
    ]);
  });

  it('squeezes words into a silence too short for them, in order', () => {
    const { words } = align(timed('A@0-1 C@1.1-2'), 'A LONGWORD C');
    expect(words[1].start).toBe(1);
    expect(words[1].end).toBe(1.1);
  });

  it('places words typed before every word against the first, and after every word from the last', () => {
    const start = align(original, 'WELL THE CAT SAT DOWN');
    expect(start.words[0].end).toBe(0);
    expect(start.words[0].start).toBe(0);
    const late = timed('HI@10-10.5');
    const before = align(late, 'OH HI');
    expect(before.words[0].end).toBe(10);
    expect(before.words[0].start).toBeCloseTo(10 - 3 / 15, 12);
    const after = align(late, 'HI THERE');
    expect(after.words[1].start).toBe(10.5);
    expect(after.words[1].end).toBeCloseTo(10.5 + 6 / 15, 12);
  });

  it('keeps a typed run inside the neighbours of the edited words', () => {
    const previous = { text: 'P', start: 0, end: 2 };
    const next = { text: 'N', start: 3, end: 4 };
    const into = align([], 'X Y', { previous, next });
    expect(into.words[0].start).toBe(2);
    expect(into.words[1].end).toBeCloseTo(2 + 4 / 15, 12);
    const before = align(timed('M@2.5-2.9'), 'X M', { previous, next });
    expect(before.words[0].end).toBe(2.5);
    expect(before.words[0].start).toBeGreaterThanOrEqual(2);
  });

  it('times words typed into an empty transcript from the start', () => {
    const { words } = align([], 'HELLO WORLD');
    expect(words[0].start).toBe(0);
    expect(words[0].end).toBeCloseTo(6 / 15, 12);
    expect(words[1].start).toBe(words[0].end);
    expect(words[1].end).toBeCloseTo(12 / 15, 12);
  });

  it('deletes every word', () => {
    expect(align(original, '')).toEqual({ words: [], sources: [] });
  });

  it('still times every word when the new text is too unlike the old to align word by word', () => {
    const old = Array.from({ length: 600 }, (_, i) => ({ text: `OLD${i}`, start: i, end: i + 0.5, confidence: 0.9, edited: false, typedByUser: false }));
    const { words } = align(old, Array.from({ length: 600 }, (_, i) => `NEW${i}`).join(' '));
    expect(words[0].start).toBe(0);
    expect(words[599].end).toBe(599.5);
    expect(words.every((w, i) => w.text === `NEW${i}` && w.edited)).toBe(true);
  });

  it('keeps the timing of every paired word and puts every new word in order between its neighbours', () => {
    const op = fc.oneof(fc.constantFrom('keep', 'drop', 'lower'), modelText.map((t) => `+${t}`), modelText.map((t) => `=${t}`));
    const edit = fc.array(op, { maxLength: 60 });
    fc.assert(
      fc.property(wordStream({ text: modelText, maxLength: 40 }), edit, fc.boolean(), fc.boolean(), (stream, ops, hasPrevious, hasNext) => {
        const original = editable(stream);
        const shown = original.map((w) => w.text);
        const tokens: string[] = [];
        ops.forEach((op, k) => {
          // Op k acts on word k: keeps it, drops it, lowers its case, inserts a word before it, or retypes it.
          const word = k < shown.length ? [shown[k]] : [];
          if (op === 'keep') tokens.push(...word);
          else if (op === 'lower') tokens.push(...word.map((w) => w.toLowerCase()));
          else if (op.startsWith('+')) tokens.push(op.slice(1), ...word);
          else if (op.startsWith('=')) tokens.push(op.slice(1));
        });
        const first = original[0]?.start ?? 5;
        const last = original.at(-1)?.end ?? 5;
        const previous = hasPrevious ? { text: 'P', start: Math.max(0, first - 2), end: Math.max(0, first - 1) } : undefined;
        const next = hasNext ? { text: 'N', start: last + 1, end: last + 2 } : undefined;
        const { words, sources } = alignEditedText(original, shown, tokens, { previous, next });

        expect(words.map((w) => w.text)).toEqual(tokens);
        const paired = sources.filter((s) => s >= 0);
        expect(paired).toEqual([...paired].sort((a, b) => a - b));
        expect(new Set(paired).size).toBe(paired.length);
        words.forEach((word, k) => {
          const source = sources[k];
          if (source >= 0) {
            expect(wordKey(word.text)).toBe(wordKey(original[source].text));
            expect([word.start, word.end]).toEqual([original[source].start, original[source].end]);
            if (word.text === shown[source]) expect(word).toBe(original[source]);
            else expect(word).toMatchObject({ edited: true, typedByUser: true, confidence: 1 });
          } else {
            expect(word).toMatchObject({ edited: true, typedByUser: true, confidence: 1 });
          }
          expect(word.start).toBeLessThanOrEqual(word.end);
          if (k > 0) expect(word.start).toBeGreaterThanOrEqual(words[k - 1].end);
          expect(word.start).toBeGreaterThanOrEqual(previous?.end ?? 0);
          if (next !== undefined) expect(word.end).toBeLessThanOrEqual(next.start);
        });
      }),
    );
  });
});

describe('words typed into a silence', () => {
  it('never start before the word they follow, however the silence rounds', () => {
    // Typed before a word kept in the range: packed against that word, back to the previous one.
    const previous = { text: 'A', start: 0, end: 5e-324 };
    const [kept] = timed('B@0.01-0.06');
    const { words } = alignEditedText([kept], ['B'], ['L', 'B'], { previous });
    expect(words[0].start).toBeGreaterThanOrEqual(previous.end);
    expect(words[0].end).toBeLessThanOrEqual(kept.start);
    expect(words[1]).toBe(kept);
  });
});
