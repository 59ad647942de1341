import { describe, expect, it } from 'vitest';
import { isDoubtful } from '../../src/features/transcript/doubt.ts';
import { paragraphs } from '../../src/features/transcript/paragraphs.ts';
import { syntheticTranscript } from './syntheticTranscript.ts';

describe('syntheticTranscript', () => {
  const words = syntheticTranscript({ words: 3000, seconds: 1080, seed: 7 });

  it('spreads the words in order over the audio', () => {
    expect(words).toHaveLength(3000);
    expect(words[0].start).toBe(0);
    expect(words.at(-1)!.end).toBeLessThanOrEqual(1080);
    expect(words.at(-1)!.end).toBeGreaterThan(1070);
    words.forEach((word, i) => {
      expect(word.end).toBeGreaterThan(word.start);
      if (i > 0) expect(word.start).toBeGreaterThanOrEqual(words[i - 1].end);
    });
  });

  it('has paragraphs at its long pauses and a few doubtful words, the same for the same seed', () => {
    const layout = paragraphs(words);
    expect(layout.length).toBeGreaterThan(3000 / 120);
    expect(layout.length).toBeLessThan(3000 / 12);
    const doubtful = words.filter(isDoubtful).length / words.length;
    expect(doubtful).toBeGreaterThan(0.02);
    expect(doubtful).toBeLessThan(0.1);
    expect(syntheticTranscript({ words: 3000, seconds: 1080, seed: 7 })).toEqual(words);
  });

  it('refuses more pauses than the audio holds', () => {
    expect(() => syntheticTranscript({ words: 3000, seconds: 60 })).toThrow(RangeError);
  });
});
