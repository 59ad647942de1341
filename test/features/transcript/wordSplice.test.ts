import { describe, expect, it } from 'vitest';
import { applySplice, invertSplice, isEmptySplice } from '../../../src/features/transcript/wordSplice.ts';
import { timed } from '../../support/wordStreams.ts';

describe('word splices', () => {
  const words = timed('A@0-1 B@1-2 C@2-3');
  const x = timed('X@1-2')[0];

  it('replace words in a new array, sharing the words they leave', () => {
    const after = applySplice(words, { at: 1, removed: [words[1]], inserted: [x] });
    expect(after.map((w) => w.text)).toEqual(['A', 'X', 'C']);
    expect(after[0]).toBe(words[0]);
    expect(words.map((w) => w.text)).toEqual(['A', 'B', 'C']);
  });

  it('undo themselves when inverted', () => {
    const splice = { at: 3, removed: [], inserted: [x] };
    const after = applySplice(words, splice);
    expect(applySplice(after, invertSplice(splice))).toEqual(words);
  });

  it('refuse words they were not made for', () => {
    expect(() => applySplice(words, { at: 1, removed: [x], inserted: [] })).toThrow(/different version/);
    expect(() => applySplice(words, { at: 3, removed: [words[2]], inserted: [] })).toThrow(/different version/);
  });

  it('are empty when they put back what they take out', () => {
    expect(isEmptySplice({ at: 0, removed: [], inserted: [] })).toBe(true);
    expect(isEmptySplice({ at: 0, removed: [words[0]], inserted: [words[0]] })).toBe(true);
    expect(isEmptySplice({ at: 0, removed: [words[0]], inserted: [{ ...words[0] }] })).toBe(false);
  });
});
