import { describe, expect, it } from 'vitest';
import { ctcVocabulary } from '../../../../src/engine/asr/ctcVocabulary.ts';
import { GreedyCtcDecoder } from '../../../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { logSoftmaxRows } from '../../../../src/engine/asr/logSoftmax.ts';
import { decodeIds, logProbsOfIds } from '../../../support/logProbs.ts';
import { A, B, BLANK, BOS, D, O, SEP, vocab } from '../../../support/toyCtc.ts';

describe('greedy CTC decoding', () => {
  const decode = (ids: number[], chunks: number[] = [ids.length]) => decodeIds(new GreedyCtcDecoder(vocab, 0.02), ids, vocab.tokens.length, chunks);

  it('collapses repeats before dropping blanks, so double letters survive', () => {
    const words = decode([B, O, O, BLANK, O, D, SEP, A]);
    expect(words.map((w) => w.text)).toEqual(['BOOD', 'A']);
  });

  it('drops special tokens and merges across any chunk boundary', () => {
    const ids = [BLANK, A, A, BOS, B, B, BLANK, SEP, SEP, O, BLANK, O, D, D];
    const whole = decode(ids);
    expect(whole.map((w) => w.text)).toEqual(['AB', 'OOD']);
    for (let cut = 1; cut < ids.length; cut++) expect(decode(ids, [cut, ids.length - cut])).toEqual(whole);
  });

  it('times words by their first and last character frames', () => {
    const [word] = decode([BLANK, BLANK, A, A, BLANK, B, B, B, BLANK]);
    expect(word.start).toBeCloseTo(0.04);
    expect(word.end).toBeCloseTo(0.16);
  });

  it('reports the word still being spelled as pending', () => {
    const decoder = new GreedyCtcDecoder(vocab, 0.02);
    decoder.push(logProbsOfIds([A, SEP, B], vocab.tokens.length), 0);
    expect(decoder.pendingWord()?.text).toBe('B');
  });

  it('takes the best symbol of each frame', () => {
    const logits = new Float32Array([0, 1, 0.5, 3, 2, 1]);
    const data = new Float32Array(6);
    logSoftmaxRows(logits, 3, 0, 2, data);
    const decoder = new GreedyCtcDecoder(ctcVocabulary(new Map([['<pad>', 0], ['A', 1], ['B', 2]])), 0.02);
    const words = [...decoder.push({ data, frames: 2, vocabSize: 3 }, 0), ...decoder.flush()];
    expect(words.map((w) => w.text)).toEqual(['A']);
  });

  it('gives each word the mean best-symbol probability over its frames', () => {
    const decoder = new GreedyCtcDecoder(vocab, 0.02);
    const sure = logProbsOfIds([A, A, BLANK, B], vocab.tokens.length, 0.9);
    const unsure = logProbsOfIds([SEP, O, O], vocab.tokens.length, 0.5);
    const words = [...decoder.push(sure, 0), ...decoder.push(unsure, 4), ...decoder.flush()];
    expect(words.map((w) => w.text)).toEqual(['AB', 'O']);
    expect(words[0].confidence).toBeCloseTo(0.9, 5);
    expect(words[1].confidence).toBeCloseTo(0.5, 5);
  });
});
