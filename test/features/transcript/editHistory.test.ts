import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canRedo,
  canUndo,
  createEditHistory,
  DEFAULT_UNDO_LIMIT,
  recordEdit,
  redo,
  undo,
  type EditHistory,
} from '../../../src/features/transcript/editHistory.ts';
import { acceptEdits, replaceWords, splitParagraphBefore } from '../../../src/features/transcript/transcriptEdits.ts';
import type { EditableWord } from '../../../src/features/transcript/editableWord.ts';
import { editable, modelText, timed, wordStream } from '../../support/wordStreams.ts';

const story = timed('THE@0-0.2 CAT@0.3-0.6 SAT@0.7-1 THEN@3-3.3 IT@3.4-3.5 RAN@3.6-4');
const texts = (h: EditHistory) => h.words.map((w) => w.text).join(' ');

describe('undo and redo', () => {
  it('step back and forth through edits', () => {
    let h = createEditHistory(story);
    expect(canUndo(h)).toBe(false);
    h = recordEdit(h, replaceWords(h.words, 1, 2, 'DOG'));
    h = recordEdit(h, replaceWords(h.words, 5, 6, 'FLED'));
    expect(texts(h)).toBe('THE DOG SAT THEN IT FLED');
    h = undo(h);
    expect(texts(h)).toBe('THE DOG SAT THEN IT RAN');
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.words).toEqual(story);
    expect(h.words.every((w, i) => w === story[i])).toBe(true);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(texts(h)).toBe('THE DOG SAT THEN IT FLED');
    expect(redo(h)).toBe(h);
  });

  it('forget what was undone when a new edit is made', () => {
    let h = recordEdit(createEditHistory(story), replaceWords(story, 0, 1, 'A'));
    h = undo(h);
    h = recordEdit(h, replaceWords(h.words, 2, 3, 'STOOD'));
    expect(canRedo(h)).toBe(false);
    expect(texts(h)).toBe('THE CAT STOOD THEN IT RAN');
  });

  it('ignore edits that change nothing', () => {
    const h = createEditHistory(story);
    expect(recordEdit(h, splitParagraphBefore(story, 3))).toBe(h);
    expect(recordEdit(h, acceptEdits(story))).toBe(h);
    expect(recordEdit(h, replaceWords(story, 0, 3, 'THE  CAT SAT'))).toBe(h);
  });

  it('keep at most the limit of edits, forgetting the oldest', () => {
    expect(DEFAULT_UNDO_LIMIT).toBeGreaterThan(0);
    let h = createEditHistory(story, 3);
    for (const word of ['A', 'B', 'C', 'D', 'E']) h = recordEdit(h, replaceWords(h.words, 0, 1, word));
    expect(h.done).toHaveLength(3);
    for (let k = 0; k < 5; k++) h = undo(h);
    expect(texts(h)).toBe('B CAT SAT THEN IT RAN');
    expect(() => createEditHistory(story, -1)).toThrow(RangeError);
  });

  it('refuse an edit made for another version of the words', () => {
    const stale = replaceWords(story, 1, 2, 'DOG');
    const h = recordEdit(createEditHistory(story), replaceWords(story, 1, 2, 'COW'));
    expect(() => recordEdit(h, stale)).toThrow(/different version/);
  });

  it('undo any run of edits back to the very words they started from, and redo them', () => {
    const step = fc.record({
      a: fc.nat(),
      b: fc.nat(),
      text: fc.array(modelText, { maxLength: 4 }).map((t) => t.join(' ')),
      kind: fc.constantFrom('replace', 'split', 'accept'),
    });
    fc.assert(
      fc.property(wordStream({ text: modelText, maxLength: 25 }), fc.array(step, { maxLength: 12 }), (stream, steps) => {
        const words = editable(stream);
        let h = createEditHistory(words);
        const versions: (readonly EditableWord[])[] = [h.words];
        for (const { a, b, text, kind } of steps) {
          const n = h.words.length;
          const from = a % (n + 1);
          const to = from + (b % (n - from + 1));
          const edit =
            kind === 'replace'
              ? replaceWords(h.words, from, to, text)
              : kind === 'split' && from < n
                ? splitParagraphBefore(h.words, from)
                : acceptEdits(h.words, from, to);
          const next = recordEdit(h, edit);
          if (next !== h) versions.push(next.words);
          h = next;
        }
        for (let k = versions.length - 1; k > 0; k--) {
          h = undo(h);
          expect(h.words).toHaveLength(versions[k - 1].length);
          expect(h.words.every((w, i) => w === versions[k - 1][i])).toBe(true);
        }
        expect(canUndo(h)).toBe(false);
        for (let k = 1; k < versions.length; k++) h = redo(h);
        expect(h.words).toEqual(versions.at(-1));
      }),
    );
  });
});
