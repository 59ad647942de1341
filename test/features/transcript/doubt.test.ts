import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOUBT_THRESHOLD, doubtfulCount, isDoubtful, nextDoubtfulIndex, previousDoubtfulIndex } from '../../../src/features/transcript/doubt.ts';

const withConfidence = (confidences: readonly number[]) => confidences.map((confidence, i) => ({ text: `W${i}`, start: i, end: i + 0.5, confidence }));

describe('doubtful words', () => {
  it('are those with a confidence below 0.9', () => {
    expect(DOUBT_THRESHOLD).toBe(0.9);
    expect(isDoubtful({ text: 'A', start: 0, end: 1, confidence: 0.89 })).toBe(true);
    expect(isDoubtful({ text: 'A', start: 0, end: 1, confidence: 0.9 })).toBe(false);
  });

  const words = withConfidence([0.9, 0.3, 0.95, 0.1, 0.97]);

  it('step forward from a position, and from before the start with -1', () => {
    expect(nextDoubtfulIndex(words, -1)).toBe(1);
    expect(nextDoubtfulIndex(words, 1)).toBe(3);
    expect(nextDoubtfulIndex(words, 3)).toBe(-1);
    expect(nextDoubtfulIndex(words, 3, { wrap: true })).toBe(1);
  });

  it('step back from a position, and from past the end with words.length', () => {
    expect(previousDoubtfulIndex(words, words.length)).toBe(3);
    expect(previousDoubtfulIndex(words, 3)).toBe(1);
    expect(previousDoubtfulIndex(words, 1)).toBe(-1);
    expect(previousDoubtfulIndex(words, 1, { wrap: true })).toBe(3);
  });

  it('are never found in a transcript without any', () => {
    expect(nextDoubtfulIndex([], -1, { wrap: true })).toBe(-1);
    expect(previousDoubtfulIndex(withConfidence([0.95, 1]), 2, { wrap: true })).toBe(-1);
  });

  it('are found nearest first in either direction', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), fc.integer({ min: -1, max: 41 }), (confidences, from) => {
        const list = withConfidence(confidences);
        const doubtful = list.flatMap((w, i) => (w.confidence < DOUBT_THRESHOLD ? [i] : []));
        expect(nextDoubtfulIndex(list, from)).toBe(doubtful.find((i) => i > from) ?? -1);
        expect(previousDoubtfulIndex(list, from)).toBe(doubtful.findLast((i) => i < from) ?? -1);
        const wrappedNext = doubtful.find((i) => i > from) ?? doubtful[0] ?? -1;
        expect(nextDoubtfulIndex(list, from, { wrap: true })).toBe(wrappedNext);
        const wrappedPrevious = doubtful.findLast((i) => i < from) ?? doubtful.at(-1) ?? -1;
        expect(previousDoubtfulIndex(list, from, { wrap: true })).toBe(wrappedPrevious);
      }),
    );
  });
});

describe('doubtfulCount', () => {
  it('counts the words below the threshold', () => {
    expect(doubtfulCount(withConfidence([0.9, 0.3, 0.95, 0.89, 1]))).toBe(2);
    expect(doubtfulCount([])).toBe(0);
  });
});
