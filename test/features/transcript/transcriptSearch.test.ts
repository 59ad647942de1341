import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findMatches, matchCountText, matchIndexFrom, stepMatch } from '../../../src/features/transcript/transcriptSearch.ts';
import { wordKey } from '../../../src/features/transcript/wordKey.ts';
import { modelText } from '../../support/wordStreams.ts';

const words = (text: string) => text.split(' ').map((t) => ({ text: t }));

describe('find', () => {
  const transcript = words("HELLO WORLD, hello world. DON'T — Café THE WORLD");

  it('ignores case and punctuation, in the text and in the query', () => {
    expect(findMatches(transcript, 'hello world')).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 4 },
    ]);
    expect(findMatches(transcript, 'Hello, World!')).toHaveLength(2);
    expect(findMatches(transcript, 'dont')).toEqual([{ from: 4, to: 5 }]);
    expect(findMatches(transcript, "don't")).toEqual([{ from: 4, to: 5 }]);
    expect(findMatches(transcript, 'CAFE')).toEqual([{ from: 6, to: 7 }]);
  });

  it('matches phrases over several words, parts of words, and across punctuation-only words', () => {
    expect(findMatches(transcript, 'lo wor')).toEqual([
      { from: 0, to: 2 },
      { from: 2, to: 4 },
    ]);
    expect(findMatches(transcript, 'dont cafe')).toEqual([{ from: 4, to: 7 }]);
    expect(findMatches(transcript, 'orl')).toEqual([
      { from: 1, to: 2 },
      { from: 3, to: 4 },
      { from: 8, to: 9 },
    ]);
  });

  it('finds matches that do not overlap, in order', () => {
    expect(findMatches(words('AA AA AA'), 'aa aa')).toEqual([{ from: 0, to: 2 }]);
    expect(findMatches(words('AAA'), 'aa')).toEqual([{ from: 0, to: 1 }]);
  });

  it('finds nothing for a query without letters or digits, or in no words', () => {
    expect(findMatches(transcript, '')).toEqual([]);
    expect(findMatches(transcript, '  ?! ')).toEqual([]);
    expect(findMatches([], 'hello')).toEqual([]);
    expect(findMatches(transcript, 'planet')).toEqual([]);
  });

  it('finds any run of words, however its case and punctuation are typed, and only what contains the query', () => {
    fc.assert(
      fc.property(fc.array(modelText, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (texts, a, b) => {
        const from = a % texts.length;
        const to = from + 1 + (b % (texts.length - from));
        const query = texts.slice(from, to).map((t) => `${t.toLowerCase()},`).join('  ');
        const matches = findMatches(words(texts.join(' ')), query);
        const needle = texts.slice(from, to).map(wordKey).join(' ');
        expect(matches.some((m) => m.from <= from && m.to >= to)).toBe(true);
        for (const m of matches) expect(texts.slice(m.from, m.to).map(wordKey).join(' ')).toContain(needle);
        for (let k = 1; k < matches.length; k++) expect(matches[k].from).toBeGreaterThanOrEqual(matches[k - 1].from);
      }),
    );
  });
});

describe('stepping through matches', () => {
  const matches = [
    { from: 2, to: 3 },
    { from: 10, to: 12 },
    { from: 30, to: 31 },
  ];

  it('starts at the first match that ends after the caret, else the first', () => {
    expect(matchIndexFrom(matches, 0)).toBe(0);
    expect(matchIndexFrom(matches, 11)).toBe(1);
    expect(matchIndexFrom(matches, 12)).toBe(2);
    expect(matchIndexFrom(matches, 31)).toBe(0);
    expect(matchIndexFrom([], 0)).toBe(-1);
  });

  it('goes round the ends both ways', () => {
    expect(stepMatch(0, 3, 1)).toBe(1);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it('counts "n of m"', () => {
    expect(matchCountText(0, 3)).toBe('1 of 3');
    expect(matchCountText(2, 3)).toBe('3 of 3');
    expect(matchCountText(-1, 0)).toBe('No matches');
  });
});
