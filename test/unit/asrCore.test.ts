import { describe, expect, it } from 'vitest';
import { GreedyCtcDecoder } from '../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { logSoftmaxRows } from '../../src/engine/asr/logSoftmax.ts';
import { logProbsOfIds } from '../support/logProbs.ts';
import { ctcVocabulary } from '../../src/engine/asr/ctcVocabulary.ts';
import { frameGeometryFromConfig, framesForSamples } from '../../src/engine/asr/frameGeometry.ts';
import { normalizeInPlace } from '../../src/engine/asr/normalizeAudio.ts';
import { StreamingTranscriber, type WindowModel } from '../../src/engine/asr/streamingTranscriber.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import { windowSettings } from '../../src/engine/asr/windowSettings.ts';
import { wordErrorRate } from '../../src/features/transcript/wordErrorRate.ts';

const vocab = ctcVocabulary(
  new Map(['<pad>', '<s>', '</s>', '<unk>', '|', 'A', 'B', 'O', 'D'].map((token, id) => [token, id] as [string, number])),
);
const [BLANK, BOS, , , SEP, A, B, O, D] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const geometry = frameGeometryFromConfig({});

describe('frame geometry', () => {
  it('follows the wav2vec2 conv arithmetic', () => {
    expect(geometry.hop).toBe(320);
    expect(framesForSamples(geometry, 399)).toBe(0);
    expect(framesForSamples(geometry, 400)).toBe(1);
    expect(framesForSamples(geometry, 60_160)).toBe(187);
    expect(framesForSamples(geometry, 320_000)).toBe(999);
  });

  it('rejects mismatched kernel and stride lists', () => {
    expect(() => frameGeometryFromConfig({ conv_kernel: [10], conv_stride: [5, 2] })).toThrow(/kernels/);
  });
});

describe('window settings', () => {
  it('snaps window and stride to the frame hop', () => {
    expect(windowSettings(geometry, 20, 2)).toEqual({ windowSamples: 320_000, strideSamples: 32_000, stepSamples: 256_000, hop: 320 });
    expect(windowSettings(geometry, 7.3, 0.5).windowSamples % 320).toBe(0);
  });

  it('refuses a stride that leaves no step', () => {
    expect(() => windowSettings(geometry, 4, 2)).toThrow(/longer than twice the stride/);
  });
});

describe('greedy CTC decoding', () => {
  const decode = (ids: number[], chunks: number[] = [ids.length]) => {
    const decoder = new GreedyCtcDecoder(vocab, 0.02);
    const words: TranscribedWord[] = [];
    let at = 0;
    for (const size of chunks) {
      words.push(...decoder.push(logProbsOfIds(ids.slice(at, at + size), vocab.tokens.length), at));
      at += size;
    }
    return [...words, ...decoder.flush()];
  };

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

describe('normalisation', () => {
  it('gives zero mean and unit variance over the valid samples and zeroes the padding', () => {
    const buffer = new Float32Array([1, 2, 3, 4, 9, 9]);
    normalizeInPlace(buffer, 4);
    const valid = Array.from(buffer.subarray(0, 4));
    const mean = valid.reduce((a, b) => a + b) / 4;
    const variance = valid.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(variance).toBeCloseTo(1, 4);
    expect(Array.from(buffer.subarray(4))).toEqual([0, 0]);
  });

  it('leaves silence silent', () => {
    const buffer = new Float32Array(8);
    normalizeInPlace(buffer, 8);
    expect(Array.from(buffer)).toEqual(new Array(8).fill(0));
  });
});

describe('word error rate', () => {
  it('counts substitutions, deletions and insertions over the reference length', () => {
    expect(wordErrorRate('a b c d', 'a b c d')).toBe(0);
    expect(wordErrorRate('a b c d', 'a x c d')).toBe(0.25);
    expect(wordErrorRate('a b c d', 'a c d')).toBe(0.25);
    expect(wordErrorRate('a b c d', 'a b c d e f')).toBe(0.5);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'x')).toBe(1);
    expect(wordErrorRate('Hello  world', 'hello world')).toBe(0);
  });
});

/**
 * A stand-in acoustic model whose frame f "hears" the id written in the sample at the frame's
 * centre, so chunk merging can be checked exhaustively without running a network.
 */
function syntheticModel(): WindowModel {
  return {
    geometry,
    vocabulary: vocab,
    async logProbs(window, valid, from, to) {
      const windowFrames = framesForSamples(geometry, window.length);
      const ids: number[] = [];
      for (let f = from; f < Math.min(to, windowFrames); f++) {
        const centre = f * 320 + 200;
        ids.push(centre < valid ? window[centre] : BLANK);
      }
      return { ...logProbsOfIds(ids, vocab.tokens.length), windowFrames };
    },
  };
}

function encode(text: string): Float32Array {
  const ids: number[] = [];
  for (const ch of text) ids.push(...new Array(3).fill(ch === ' ' ? SEP : vocab.tokens.indexOf(ch)), BLANK);
  const samples = new Float32Array(ids.length * 320 + 173);
  ids.forEach((id, f) => samples.fill(id, f * 320, (f + 1) * 320));
  return samples;
}

describe('streaming transcriber', () => {
  const text = 'BAD DOOB AB ' .repeat(40).trim() + ' BOO';
  const samples = encode(text);

  it.each([
    [4, 0.5, 1000],
    [4, 1.9, 4096],
    [5, 0.02, 99_999],
    [9.99, 3, 333],
    [30, 2, samples.length],
  ])('gives the same words for a %s s window, %s s stride, %s-sample pieces', async (win, stride, piece) => {
    const model = syntheticModel();
    const oneShot = new StreamingTranscriber(model, windowSettings(geometry, 600, 1));
    const reference = [...(await oneShot.push(samples)).words, ...(await oneShot.finish()).words];
    expect(reference.map((w) => w.text).join(' ')).toBe(text);

    const transcriber = new StreamingTranscriber(model, windowSettings(geometry, win, stride));
    const words: TranscribedWord[] = [];
    for (let at = 0; at < samples.length; at += piece) words.push(...(await transcriber.push(samples.subarray(at, at + piece))).words);
    const last = await transcriber.finish();
    expect([...words, ...last.words]).toEqual(reference);
    expect(last.committedSeconds).toBeCloseTo(Math.floor((samples.length - 400) / 320 + 1) * 0.02, 6);
    expect(last.pending).toBeNull();
  });

  it('rejects a model whose frame count disagrees with its config', async () => {
    const liar: WindowModel = { ...syntheticModel(), logProbs: async () => ({ ...logProbsOfIds([0, 0, 0], 9), windowFrames: 3 }) };
    const transcriber = new StreamingTranscriber(liar, windowSettings(geometry, 4, 1));
    await expect(transcriber.push(new Float32Array(64_000))).rejects.toThrow(/frames/);
  });
});

describe('live preview', () => {
  it('shows the words past the committed edge without committing them', async () => {
    const text = 'BAD DOOB AB BOO DAB';
    const samples = encode(text);
    const transcriber = new StreamingTranscriber(syntheticModel(), windowSettings(geometry, 4, 1));
    const committed: TranscribedWord[] = [];
    let lastPreview: TranscribedWord[] = [];
    for (let at = 0; at < samples.length; at += 3_200) {
      committed.push(...(await transcriber.push(samples.subarray(at, at + 3_200))).words);
      lastPreview = await transcriber.preview();
      const shown = [...committed, ...lastPreview].map((w) => w.text).join(' ');
      expect(text.startsWith(shown.replace(/ \S*$/, '')), shown).toBe(true);
    }
    const final = [...committed, ...(await transcriber.finish()).words];
    expect(final.map((w) => w.text).join(' ')).toBe(text);
    expect([...committed, ...lastPreview]).toEqual(final);
  });
});
