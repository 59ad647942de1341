import { describe, expect, it } from 'vitest';
import { kneserNeyArpa } from '../../../bench/languageModel/kneserNeyArpa.ts';
import { parseArpa } from '../../../src/engine/asr/languageModel/readArpa.ts';

const SENTENCES = ['THE CAT SAT', 'THE CAT RAN', 'A DOG SAT', 'THE DOG SAT ON THE CAT', 'A CAT'].map((s) => s.split(' '));

describe('Kneser-Ney ARPA estimation', () => {
  const model = parseArpa(kneserNeyArpa(SENTENCES, 3));
  const words = ['THE', 'CAT', 'SAT', 'RAN', 'A', 'DOG', 'ON', '</s>', '<unk>'];
  const ids = (text: string) => (text === '' ? [] : text.split(' ').map((w) => model.wordId(w)));

  it('gives a distribution over the vocabulary in every context, seen or not', () => {
    for (const context of ['', '<s>', '<s> THE', 'THE CAT', 'CAT SAT', 'DOG', 'ON THE', 'RAN DOG', 'SAT A']) {
      const total = words.reduce((sum, word) => sum + 10 ** model.log10Prob(ids(context), model.wordId(word)), 0);
      expect(total, context).toBeCloseTo(1, 5);
    }
  });

  it('uses continuation counts below the highest order, as computed by hand', () => {
    // Unigram continuation counts (distinct predecessors): THE 2 (<s>, ON), CAT 2 (THE, A),
    // SAT 2, RAN 1, A 1, DOG 2, ON 1, </s> 3 (SAT, RAN, CAT), <unk> 0: 14 in all; D1 from n1 = 3
    // and n2 = 4 is 3/11; 8 types; 9 words in the uniform floor.
    const d = 3 / (3 + 8);
    const p = (count: number) => Math.max(count - d, 0) / 14 + ((d * 8) / 14) * (1 / 9);
    expect(10 ** model.log10Prob([], model.wordId('THE'))).toBeCloseTo(p(2), 5);
    expect(10 ** model.log10Prob([], model.wordId('RAN'))).toBeCloseTo(p(1), 5);
    expect(10 ** model.log10Prob([], model.wordId('ZEBRA'))).toBeCloseTo(p(0), 5);
  });

  it('prefers what it has seen', () => {
    expect(model.log10Prob(ids('THE'), model.wordId('CAT'))).toBeGreaterThan(model.log10Prob(ids('THE'), model.wordId('RAN')));
    expect(model.log10Prob(ids('<s> THE'), model.wordId('CAT'))).toBeGreaterThan(model.log10Prob(ids('<s> THE'), model.wordId('DOG')));
  });
});
