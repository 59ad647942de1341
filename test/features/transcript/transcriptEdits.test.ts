import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EditableWord } from '../../../src/features/transcript/editableWord.ts';
import { acceptEdits, joinParagraphAt, replaceWords, splitParagraphBefore } from '../../../src/features/transcript/transcriptEdits.ts';
import { applySplice } from '../../../src/features/transcript/wordSplice.ts';
import { paragraphs, startsParagraph } from '../../../src/features/transcript/paragraphs.ts';
import { displayTexts } from '../../../src/features/transcript/displayCase.ts';
import { isDoubtful } from '../../../src/features/transcript/doubt.ts';
import { editable, modelText, timed, wordStream } from '../../support/wordStreams.ts';

const texts = (words: readonly EditableWord[]) => words.map((w) => w.text).join(' ');
const layout = (words: readonly EditableWord[]) =>
  paragraphs(words)
    .map((p) => texts(words.slice(p.from, p.to)))
    .join(' | ');

function edit(words: EditableWord[], from: number, to: number, text: string, options = {}): EditableWord[] {
  return applySplice(words, replaceWords(words, from, to, text, options));
}

// Two paragraphs: a 2 s silence after SAT.
const story = timed('THE@0-0.2 CAT@0.3-0.6 SAT@0.7-1 THEN@3-3.3 IT@3.4-3.5 RAN@3.6-4');

describe('correcting the transcript', () => {
  it('corrects a word, keeping every other word as it was', () => {
    const after = edit(story, 1, 2, 'DOG');
    expect(after[1]).toEqual({ text: 'DOG', start: 0.3, end: 0.6, confidence: 1, edited: true, typedByUser: true });
    expect(after.filter((_, i) => i !== 1).every((w, i) => w === story[i < 1 ? i : i + 1])).toBe(true);
  });

  it('corrects a run of words', () => {
    const after = edit(story, 3, 6, 'AND THEN IT FLED');
    expect(layout(after)).toBe('THE CAT SAT | AND THEN IT FLED');
    expect(after[4]).toBe(story[3]);
    expect(after[5]).toBe(story[4]);
    expect(after.slice(3).map((w) => w.edited)).toEqual([true, false, false, true]);
    expect(after[6]).toMatchObject({ start: 3.6, end: 4 });
  });

  it('inserts at a position into the paragraph before it', () => {
    const after = edit(story, 3, 3, 'DOWN');
    expect(layout(after)).toBe('THE CAT SAT DOWN | THEN IT RAN');
    expect(after[3].start).toBe(1);
  });

  it('begins a paragraph with new words when the range includes its first word', () => {
    const after = edit(story, 3, 4, 'AND THEN');
    expect(layout(after)).toBe('THE CAT SAT | AND THEN IT RAN');
    expect(after[3].end).toBe(3);
    expect(after[4]).toBe(story[3]);
  });

  it('inserts before the first word and after the last', () => {
    expect(layout(edit(story, 0, 0, 'WELL'))).toBe('WELL THE CAT SAT | THEN IT RAN');
    const appended = edit(story, 6, 6, 'AWAY');
    expect(layout(appended)).toBe('THE CAT SAT | THEN IT RAN AWAY');
    expect(appended[6].start).toBe(4);
  });

  it('deletes a word, a run, the first word of a paragraph and every word', () => {
    expect(layout(edit(story, 1, 2, ''))).toBe('THE SAT | THEN IT RAN');
    expect(layout(edit(story, 3, 4, ''))).toBe('THE CAT SAT | IT RAN');
    expect(layout(edit(story, 0, 1, ''))).toBe('CAT SAT | THEN IT RAN');
    expect(edit(story, 0, 6, '')).toEqual([]);
    expect(edit([], 0, 0, '')).toEqual([]);
  });

  it('types into an empty transcript', () => {
    const after = edit([], 0, 0, 'HELLO  THERE ');
    expect(texts(after)).toBe('HELLO THERE');
    expect(after[0].start).toBe(0);
    expect(after.every((w) => w.edited && !isDoubtful(w))).toBe(true);
  });

  it('keeps the paragraph start of a word kept in a range, and merges the paragraphs where it is deleted or replaced', () => {
    expect(layout(edit(story, 2, 4, 'SAT THEN'))).toBe('THE CAT SAT | THEN IT RAN');
    expect(layout(edit(story, 1, 5, 'DOG SAT THEN HE'))).toBe('THE DOG SAT | THEN HE RAN');
    expect(layout(edit(story, 2, 4, ''))).toBe('THE CAT IT RAN');
    expect(layout(edit(story, 2, 4, 'SAT AND'))).toBe('THE CAT SAT AND IT RAN');
  });

  it('keeps a paragraph whose first word is retyped', () => {
    const split = applySplice(story, splitParagraphBefore(story, 1));
    expect(layout(split)).toBe('THE | CAT SAT | THEN IT RAN');
    expect(layout(edit(split, 1, 2, 'DOG'))).toBe('THE | DOG SAT | THEN IT RAN');
    expect(layout(edit(split, 1, 2, ''))).toBe('THE | SAT | THEN IT RAN');
  });

  it('does not open a paragraph where deleting words leaves a long silence', () => {
    const talk = timed('A@0-0.5 B@0.5-1 C@1-1.5 D@1.5-2 E@2-2.5');
    const after = edit(talk, 1, 4, '');
    expect(layout(after)).toBe('A E');
    expect(after[1]).toMatchObject({ text: 'E', start: 2, end: 2.5, paragraph: 'join' });
  });

  it('does not close a paragraph where new words shorten the silence before it', () => {
    const close = timed('A@0-1 B@2.3-3');
    const after = edit(close, 1, 1, 'SOMETHING');
    expect(after[1].end - after[0].end).toBeGreaterThan(0.1);
    expect(layout(after)).toBe('A SOMETHING | B');
    expect(after[2]).toMatchObject({ text: 'B', paragraph: 'split' });
  });

  it('recognises the words left as the sentence-case display showed them', () => {
    const options = { displayCase: 'sentence' as const };
    const shown = displayTexts(story, options).join(' ');
    expect(shown).toBe('The cat sat Then it ran');
    const after = edit(story, 0, 6, shown.replace('cat', 'Cat'), options);
    expect(after.filter((w, i) => w !== story[i]).map((w) => w.text)).toEqual(['Cat']);
  });

  it('refuses a range outside the transcript', () => {
    expect(() => replaceWords(story, 4, 3, 'X')).toThrow(RangeError);
    expect(() => replaceWords(story, 0, 7, 'X')).toThrow(RangeError);
    expect(() => replaceWords(story, -1, 0, 'X')).toThrow(RangeError);
    expect(() => splitParagraphBefore(story, 6)).toThrow(RangeError);
  });

  it('keeps every untouched word and timing, times new words in order, and keeps the paragraphs outside the range', () => {
    const op = fc.oneof(fc.constantFrom('keep', 'drop', 'lower'), modelText.map((t) => `+${t}`), modelText.map((t) => `=${t}`));
    fc.assert(
      fc.property(wordStream({ text: modelText, maxLength: 30 }), fc.nat(), fc.nat(), fc.array(op, { maxLength: 20 }), (stream, a, b, ops) => {
        const words = editable(stream);
        const from = a % (words.length + 1);
        const to = from + (b % (words.length - from + 1));
        const tokens: string[] = [];
        for (let k = 0; k < Math.max(ops.length, to - from); k++) {
          const op = ops[k] ?? 'keep';
          const word = from + k < to ? [words[from + k].text] : [];
          if (op === 'keep') tokens.push(...word);
          else if (op === 'lower') tokens.push(...word.map((w) => w.toLowerCase()));
          else if (op.startsWith('+')) tokens.push(op.slice(1), ...word);
          else if (op.startsWith('=')) tokens.push(op.slice(1));
        }
        const after = edit(words, from, to, tokens.join(' '));
        const inserted = after.length - (words.length - (to - from));

        expect(after.slice(from, from + inserted).map((w) => w.text)).toEqual(tokens);
        for (let i = 0; i < from; i++) expect(after[i]).toBe(words[i]);
        for (let i = to + 1; i < words.length; i++) expect(after[i - to + from + inserted]).toBe(words[i]);
        if (to < words.length) expect(after[from + inserted]).toMatchObject({ text: words[to].text, start: words[to].start, end: words[to].end });
        after.forEach((w, i) => {
          expect(w.start).toBeLessThanOrEqual(w.end);
          if (i > 0) expect(w.start).toBeGreaterThanOrEqual(after[i - 1].end);
          if (w.edited) expect(w.confidence).toBe(1);
        });
        for (let i = 1; i < from; i++) expect(startsParagraph(after, i)).toBe(startsParagraph(words, i));
        for (let i = to + 1; i < words.length; i++) expect(startsParagraph(after, i - to + from + inserted)).toBe(startsParagraph(words, i));
        if (to < words.length && from + inserted > 0) {
          const wasStart = startsParagraph(words, to) || (inserted === 0 && from < to && startsParagraph(words, from));
          expect(startsParagraph(after, from + inserted)).toBe(from === to && from === 0 && inserted > 0 ? false : wasStart);
        }
      }),
    );
  });
});

describe('paragraph splits and joins', () => {
  it('splits a paragraph before a word, whatever the pause', () => {
    const after = applySplice(story, splitParagraphBefore(story, 2));
    expect(layout(after)).toBe('THE CAT | SAT | THEN IT RAN');
    expect(after[2].paragraph).toBe('split');
  });

  it('joins a paragraph to the one before, whatever the pause', () => {
    const after = applySplice(story, joinParagraphAt(story, 3));
    expect(layout(after)).toBe('THE CAT SAT THEN IT RAN');
    expect(after[3].paragraph).toBe('join');
    const rejoined = applySplice(after, splitParagraphBefore(after, 3));
    expect(rejoined[3]).toEqual(story[3]);
  });

  it('undoes a split by joining, leaving no mark', () => {
    const split = applySplice(story, splitParagraphBefore(story, 1));
    const joined = applySplice(split, joinParagraphAt(split, 1));
    expect(joined[1]).toEqual(story[1]);
  });

  it('changes nothing where the paragraph already starts, or does not, or at the first word', () => {
    expect(splitParagraphBefore(story, 3)).toEqual({ at: 3, removed: [], inserted: [] });
    expect(joinParagraphAt(story, 1)).toEqual({ at: 1, removed: [], inserted: [] });
    expect(joinParagraphAt(story, 0)).toEqual({ at: 0, removed: [], inserted: [] });
  });

  it('follows the paragraph gap option', () => {
    expect(splitParagraphBefore(story, 3, { paragraphGapSeconds: 5 }).inserted[0]).toMatchObject({ paragraph: 'split' });
  });
});

describe('accepting edits', () => {
  const edited = edit(edit(story, 1, 2, 'DOG'), 4, 5, 'HE');

  it('clears the edited flag of every edited word, leaving the others as they were', () => {
    const splice = acceptEdits(edited);
    expect(splice.at).toBe(1);
    const after = applySplice(edited, splice);
    expect(after.map((w) => w.edited)).toEqual([false, false, false, false, false, false]);
    expect(after[1]).toEqual({ ...edited[1], edited: false });
    expect(after[1].typedByUser).toBe(true);
    expect(after[2]).toBe(edited[2]);
  });

  it('accepts within a range', () => {
    const after = applySplice(edited, acceptEdits(edited, 3, 6));
    expect(after.map((w) => w.edited)).toEqual([false, true, false, false, false, false]);
  });

  it('changes nothing when nothing is edited', () => {
    expect(acceptEdits(story)).toEqual({ at: 6, removed: [], inserted: [] });
    expect(acceptEdits([])).toEqual({ at: 0, removed: [], inserted: [] });
  });
});
