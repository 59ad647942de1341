import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TimedText } from '../../../src/shared/transcript.ts';
import { wordIndexAtTime } from '../../../src/features/transcript/playhead.ts';

const startsToWords = (starts: readonly number[]): TimedText[] => starts.map((start, i) => ({ text: `W${i}`, start, end: start + 0.2 }));

describe('word under the playhead', () => {
  const words = startsToWords([1, 2, 2, 3.5]);

  it('is the last word that has started, through the silence after it', () => {
    expect(wordIndexAtTime(words, 0.99)).toBe(-1);
    expect(wordIndexAtTime(words, 1)).toBe(0);
    expect(wordIndexAtTime(words, 1.9)).toBe(0);
    expect(wordIndexAtTime(words, 2)).toBe(2);
    expect(wordIndexAtTime(words, 3.6)).toBe(3);
    expect(wordIndexAtTime(words, 1e9)).toBe(3);
    expect(wordIndexAtTime([], 5)).toBe(-1);
  });

  it('agrees with a scan of every word', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 200 }), fc.double({ min: -1, max: 101, noNaN: true }), (starts, time) => {
        const sorted = startsToWords([...starts].sort((a, b) => a - b));
        expect(wordIndexAtTime(sorted, time)).toBe(sorted.findLastIndex((w) => w.start <= time));
      }),
    );
  });

  it('reads about log2(n) words of a 30 000-word transcript per look-up', () => {
    const starts = Array.from({ length: 30_000 }, (_, i) => i * 0.4);
    let reads = 0;
    const counted = new Proxy(startsToWords(starts), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    for (const time of [0, 0.5, 1234.5, 6000, 11_999.6, 20_000]) {
      reads = 0;
      const index = wordIndexAtTime(counted, time);
      expect(index).toBe(Math.min(29_999, Math.floor(time / 0.4)));
      expect(reads).toBeLessThanOrEqual(Math.ceil(Math.log2(30_001)));
    }
  });
});
