import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PARAGRAPH_GAP_SECONDS, paragraphs, startsParagraph } from '../../../src/features/transcript/paragraphs.ts';
import { timed, wordStream } from '../../support/wordStreams.ts';

describe('paragraphs', () => {
  it('break where the silence between words lasts at least 1.2 s', () => {
    expect(DEFAULT_PARAGRAPH_GAP_SECONDS).toBe(1.2);
    const words = timed('SO@0-0.5 WE@0.6-0.9 WENT@2.2-2.5 HOME@3.69-4 AND@5.25-5.5');
    // 1.3 s before WENT, 1.19 s before HOME, 1.25 s before AND.
    expect(paragraphs(words)).toEqual([
      { from: 0, to: 2, start: 0, end: 0.9 },
      { from: 2, to: 4, start: 2.2, end: 4 },
      { from: 4, to: 5, start: 5.25, end: 5.5 },
    ]);
  });

  it('break at a silence of exactly the gap, which is configurable', () => {
    const words = timed('A@0-1 B@2.25-3 C@3.5-4');
    expect(paragraphs(words, { paragraphGapSeconds: 1.25 }).map((p) => p.from)).toEqual([0, 1]);
    expect(paragraphs(words, { paragraphGapSeconds: 0.5 }).map((p) => p.from)).toEqual([0, 1, 2]);
    expect(paragraphs(words, { paragraphGapSeconds: 2 }).map((p) => p.from)).toEqual([0]);
  });

  it('follow split and join marks over the pause', () => {
    const words = timed('A@0-1 B@1-2 C@5-6');
    expect(paragraphs(words).map((p) => p.from)).toEqual([0, 2]);
    const marked = [words[0], { ...words[1], paragraph: 'split' as const }, { ...words[2], paragraph: 'join' as const }];
    expect(paragraphs(marked).map((p) => p.from)).toEqual([0, 1]);
    expect(startsParagraph(marked, 1)).toBe(true);
    expect(startsParagraph(marked, 2)).toBe(false);
  });

  it('are none for no words and one for one word', () => {
    expect(paragraphs([])).toEqual([]);
    expect(paragraphs(timed('A@3-4'))).toEqual([{ from: 0, to: 1, start: 3, end: 4 }]);
  });

  it('cover every word once, in order, each starting where a paragraph starts', () => {
    fc.assert(
      fc.property(wordStream(), fc.double({ min: 0.1, max: 5, noNaN: true }), (words, gap) => {
        const result = paragraphs(words, { paragraphGapSeconds: gap });
        expect(result.flatMap((p) => Array.from({ length: p.to - p.from }, (_, k) => p.from + k))).toEqual(words.map((_, i) => i));
        for (const p of result) {
          expect(p.to).toBeGreaterThan(p.from);
          expect(p.from === 0 || words[p.from].start - words[p.from - 1].end >= gap).toBe(true);
          for (let i = p.from + 1; i < p.to; i++) expect(words[i].start - words[i - 1].end).toBeLessThan(gap);
        }
      }),
    );
  });
});
