import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ctcVocabulary } from '../../../../src/engine/asr/ctcVocabulary.ts';
import { BeamSearchDecoder, beamSearchDecoder, type BeamSearchOptions } from '../../../../src/engine/asr/decoders/beamSearchDecoder.ts';
import type { CtcDecoderFactory, FrameLogProbs } from '../../../../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../../../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { parseArpa } from '../../../../src/engine/asr/languageModel/readArpa.ts';
import type { TranscribedWord } from '../../../../src/shared/transcript.ts';
import { logProbsOfIds } from '../../../support/logProbs.ts';
import { STREAM_TOKENS, syntheticCtcStream } from '../../../support/syntheticCtcStream.ts';

const TOKENS = ['<pad>', '<s>', '</s>', '<unk>', '|', 'A', 'B', 'C', 'K', 'T', 'O', 'D', 'E'];
const vocab = ctcVocabulary(new Map(TOKENS.map((token, id) => [token, id] as [string, number])));
const id = (token: string) => TOKENS.indexOf(token);
const [BLANK, BOS, , , SEP, A, B, , , , O, D] = TOKENS.map((_, i) => i);
const SECONDS_PER_FRAME = 0.02;

/** Frames given as each symbol's probability (tokens by name, "_" for the blank); the rest get none. */
function frames(rows: Array<Record<string, number>>): FrameLogProbs {
  const data = new Float32Array(rows.length * TOKENS.length).fill(-Infinity);
  rows.forEach((row, f) => {
    for (const [token, probability] of Object.entries(row)) data[f * TOKENS.length + id(token === '_' ? '<pad>' : token)] = Math.log(probability);
  });
  return { data, frames: rows.length, vocabSize: TOKENS.length };
}

function slice({ data, vocabSize }: FrameLogProbs, from: number, to: number): FrameLogProbs {
  return { data: data.slice(from * vocabSize, to * vocabSize), frames: to - from, vocabSize };
}

/** Decodes the frames pushed in pieces of the given sizes (the rest in one last piece). */
function decode(factory: CtcDecoderFactory, input: FrameLogProbs, pieces: number[] = []): TranscribedWord[] {
  const decoder = factory(vocab, SECONDS_PER_FRAME);
  const words: TranscribedWord[] = [];
  let at = 0;
  for (const size of [...pieces, input.frames]) {
    const to = Math.min(input.frames, at + size);
    words.push(...decoder.push(slice(input, at, to), at));
    at = to;
  }
  return [...words, ...decoder.flush()];
}

const text = (words: TranscribedWord[]) => words.map((w) => w.text).join(' ');
const beam = (options: BeamSearchOptions = {}) => beamSearchDecoder(options);

describe('CTC prefix beam search', () => {
  it('sums the paths of a prefix, where greedy follows the single best path', () => {
    // Greedy reads blank, blank: nothing. The prefix "A" gathers A A, A _ and _ A: 0.16 + 0.24 +
    // 0.24 = 0.64 against 0.36 for the empty one.
    const input = frames([{ _: 0.6, A: 0.4 }, { _: 0.6, A: 0.4 }]);
    expect(text(decode(greedyCtcDecoder, input))).toBe('');
    expect(text(decode(beam({ pathMerge: 'sum' }), input))).toBe('A');
    expect(text(decode(beam({ pathMerge: 'max' }), input))).toBe('');
  });

  it('prefers the spelling that more paths agree on over the best single path', () => {
    // Best path: A _ _ (0.125) reads "A"; but "AB" gathers 0.316 of all paths, more than any other.
    const rows = [{ A: 0.5, B: 0.1, _: 0.4 }, { A: 0.1, B: 0.4, _: 0.5 }, { A: 0.1, B: 0.4, _: 0.5 }];
    const input = frames(rows);
    expect(text(decode(greedyCtcDecoder, input))).toBe('A');
    const byLabels = new Map<string, number>();
    for (const path of ['A', 'B', '_'].flatMap((x) => ['A', 'B', '_'].flatMap((y) => ['A', 'B', '_'].map((z) => [x, y, z])))) {
      const labels = path.filter((symbol, i) => symbol !== path[i - 1] && symbol !== '_').join('');
      const probability = path.reduce((p, symbol, f) => p * rows[f][symbol as 'A' | 'B' | '_'], 1);
      byLabels.set(labels, (byLabels.get(labels) ?? 0) + probability);
    }
    const [mostProbable] = [...byLabels].sort((a, b) => b[1] - a[1]);
    expect(mostProbable[0]).toBe('AB');
    expect(mostProbable[1]).toBeCloseTo(0.316, 9);
    expect(text(decode(beam({ pathMerge: 'sum' }), input))).toBe('AB');
    expect(text(decode(beam(), input))).toBe('A');
  });

  it('keeps a letter repeated across a blank and collapses one repeated without', () => {
    expect(text(decode(beam(), logProbsOfIds([B, O, O, BLANK, O, D, SEP, A], TOKENS.length)))).toBe('BOOD A');
    expect(text(decode(beam(), logProbsOfIds([A, A, A, SEP, B, BLANK, B], TOKENS.length)))).toBe('A BB');
  });

  it('carries a repeat across a chunk boundary exactly as within one chunk', () => {
    const collapsed = logProbsOfIds([A, A, A, SEP, B], TOKENS.length);
    const doubled = logProbsOfIds([A, BLANK, A, SEP, B], TOKENS.length);
    for (let cut = 1; cut < 5; cut++) {
      expect(text(decode(beam(), collapsed, [cut]))).toBe('A B');
      expect(text(decode(beam(), doubled, [cut]))).toBe('AA B');
    }
    // A soft repeat split at the edge: the prefix sums on both sides must be carried over.
    const soft = frames([{ A: 0.7, _: 0.3 }, { A: 0.5, _: 0.5 }, { A: 0.7, _: 0.3 }, { '|': 1 }, { B: 1 }]);
    for (const pathMerge of ['sum', 'max'] as const) {
      const whole = decode(beam({ pathMerge }), soft);
      for (let cut = 1; cut < 5; cut++) expect(decode(beam({ pathMerge }), soft, [cut])).toEqual(whole);
    }
  });

  it('equals greedy decoding on peaked distributions: words, times and confidences', () => {
    const symbol = fc.constantFrom(BLANK, BLANK, BLANK, BOS, SEP, ...[5, 6, 7, 8, 9, 10, 11, 12]);
    fc.assert(
      fc.property(fc.array(symbol, { maxLength: 80 }), fc.double({ min: 0.9, max: 0.99, noNaN: true }), (ids, best) => {
        const input = logProbsOfIds(ids, TOKENS.length, best);
        expect(decode(beam(), input)).toEqual(decode(greedyCtcDecoder, input));
        expect(decode(beam({ pathMerge: 'sum' }), input)).toEqual(decode(greedyCtcDecoder, input));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same words however the frames are chunked', () => {
    const row = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: TOKENS.length, maxLength: TOKENS.length });
    const lm = parseArpa(TINY_ARPA);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 20 })), fc.constantFrom('sum', 'max' as const), (rows, pieces, pathMerge) => {
        const input = normalised(rows);
        const options = { pathMerge, beamWidth: 6, languageModel: { model: lm, alpha: 0.5, beta: 1 }, hotwords: { terms: ['bad'], weight: 2 } };
        expect(decode(beam(options), input, pieces)).toEqual(decode(beam(options), input));
      }),
      { numRuns: 200 },
    );
  });

  it('reports the first undecided word as pending, and a clone decodes on without touching the original', () => {
    const decoder = beam()(vocab, SECONDS_PER_FRAME);
    expect(text(decoder.push(frames([{ A: 1 }, { '|': 1 }, { B: 1 }, { B: 1 }]), 0))).toBe('A');
    expect(decoder.pendingWord()?.text).toBe('B');
    const copy = decoder.clone();
    expect(text([...copy.push(frames([{ '|': 1 }, { O: 1 }]), 4), ...copy.flush()])).toBe('B O');
    expect(decoder.pendingWord()?.text).toBe('B');
    expect(text(decoder.flush())).toBe('B');
    expect(decoder.pendingWord()).toBeNull();
  });

  it('makes a word final as soon as every beam agrees on it, and an undecidable one after the time limit', () => {
    const decoder = beam({ maxUndecidedSeconds: 1 })(vocab, SECONDS_PER_FRAME) as BeamSearchDecoder;
    expect(text(decoder.push(frames([{ A: 1 }, { A: 1 }, { '|': 1 }, { B: 1 }, { _: 1 }]), 0))).toBe('A');
    // "B" or "BA": nothing later can settle it, so both beams live on with the words after.
    expect(decoder.push(frames([{ A: 0.6, _: 0.4 }, { '|': 1 }, { O: 1 }, { '|': 1 }]), 5)).toEqual([]);
    expect(decoder.push(frames(Array(40).fill({ _: 1 })), 9)).toEqual([]);
    // A second after "BA" ended (frame 5), the best beam's words are made final.
    const words = decoder.push(frames(Array(20).fill({ _: 1 })), 49);
    expect(text(words)).toBe('BA O');
    expect(words[0]).toMatchObject({ start: 3 * SECONDS_PER_FRAME, end: 6 * SECONDS_PER_FRAME });
    expect(decoder.heldState).toEqual({ beams: 1, words: 0, characters: 0 });
  });
});

function normalised(rows: number[][]): FrameLogProbs {
  const data = new Float32Array(rows.length * TOKENS.length);
  rows.forEach((row, f) => {
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((value, v) => (data[f * TOKENS.length + v] = Math.log(value / sum)));
  });
  return { data, frames: rows.length, vocabSize: TOKENS.length };
}

/** A hand-written model: "CAT" is a known word after "THE", "KAT" is not known at all. */
const TINY_ARPA = `
\\data\\
ngram 1=6
ngram 2=3

\\1-grams:
-99 <s> -0.3
-1.0 </s>
-0.8 THE -0.2
-1.0 CAT -0.1
-1.3 BAD
-2.0 <unk>

\\2-grams:
-0.1 <s> THE
-0.3 THE CAT
-0.5 CAT </s>

\\end\\
`;

describe('shallow fusion and hotwords', () => {
  // Frames spelling T H E | ?A T, where the acoustics slightly prefer K over C.
  const TOKENS_THE = ['<pad>', '<s>', '</s>', '<unk>', '|', 'T', 'H', 'E', 'C', 'K', 'A', 'B', 'D'];
  const vocabThe = ctcVocabulary(new Map(TOKENS_THE.map((token, i) => [token, i] as [string, number])));
  const nearTie = (() => {
    const rows: Array<Record<string, number>> = [
      { T: 1 }, { _: 1 }, { H: 1 }, { E: 1 }, { '|': 1 }, { K: 0.52, C: 0.48 }, { _: 1 }, { A: 1 }, { T: 1 }, { _: 1 },
    ];
    const data = new Float32Array(rows.length * TOKENS_THE.length).fill(-Infinity);
    rows.forEach((row, f) => {
      for (const [token, p] of Object.entries(row)) data[f * TOKENS_THE.length + TOKENS_THE.indexOf(token === '_' ? '<pad>' : token)] = Math.log(p);
    });
    return { data, frames: rows.length, vocabSize: TOKENS_THE.length };
  })();
  const run = (options: BeamSearchOptions) => {
    const decoder = beamSearchDecoder(options)(vocabThe, SECONDS_PER_FRAME);
    return text([...decoder.push(nearTie, 0), ...decoder.flush()]);
  };

  it('follows the acoustics without help', () => {
    expect(run({})).toBe('THE KAT');
  });

  it('lets the language model flip a near-tie towards the word it knows', () => {
    expect(run({ languageModel: { model: parseArpa(TINY_ARPA), alpha: 0.5, beta: 0 } })).toBe('THE CAT');
  });

  it('lets a hotword flip a near-tie, even with a beam of one thanks to the prefix boost', () => {
    expect(run({ hotwords: { terms: ['cat'], weight: 1 } })).toBe('THE CAT');
    expect(run({ beamWidth: 1, hotwords: { terms: ['the cat'], weight: 1 } })).toBe('THE CAT');
    expect(run({ beamWidth: 1 })).toBe('THE KAT');
    expect(run({ hotwords: { terms: ['cat'], weight: 0.01 } })).toBe('THE KAT');
  });

  it('scores a hotword the language model does not know without the unknown-word penalty', () => {
    const model = parseArpa(TINY_ARPA);
    expect(run({ languageModel: { model, alpha: 0.5, beta: 0 }, hotwords: { terms: ['KAT'], weight: 0.5 } })).toBe('THE KAT');
  });
});

describe('bounded state over a long stream', () => {
  const streamVocab = ctcVocabulary(new Map(STREAM_TOKENS.map((token, i) => [token, i] as [string, number])));
  /** Frames a second at a hop of 320 samples, wav2vec2's and espeak-ctc's. */
  const frameRate = 50;
  type Held = BeamSearchDecoder['heldState'];
  const most = (a: Held, b: Held): Held => ({ beams: Math.max(a.beams, b.beams), words: Math.max(a.words, b.words), characters: Math.max(a.characters, b.characters) });
  const none: Held = { beams: 0, words: 0, characters: 0 };

  it('holds only the undecided tail over 60 minutes of frames, and loses no word', { timeout: 30_000 }, () => {
    const decoder = beam({ beamWidth: 8 })(streamVocab, 1 / frameRate) as BeamSearchDecoder;
    let held = none;
    const words: TranscribedWord[] = [];
    const spoken: string[] = [];
    let lastEnd = 0;
    for (const chunk of syntheticCtcStream(60 * 60 * frameRate, 800, 7)) {
      const made = decoder.push(chunk.frames, chunk.first);
      for (const word of made) {
        expect(word.start).toBeGreaterThanOrEqual(lastEnd - 1e-9);
        lastEnd = word.end;
      }
      words.push(...made);
      spoken.push(...chunk.words);
      held = most(held, decoder.heldState);
    }
    words.push(...decoder.flush());
    expect(spoken.length).toBeGreaterThan(15_000);
    expect(held.beams).toBeLessThanOrEqual(8);
    // 4 s undecided at most: a few dozen words per beam, whatever the stream's length.
    expect(held.words).toBeLessThan(8 * 40);
    expect(held.characters).toBeLessThan(8 * 200);
    expect(words).toHaveLength(spoken.length);
    // The stream stops in the middle of its last word.
    const agrees = (word: TranscribedWord, i: number) =>
      word.text.length === spoken[i].length && [...spoken[i]].every((letter, j) => letter === '?' || letter === word.text[j]);
    expect(words.slice(0, -1).every(agrees)).toBe(true);
  });

  it("with a language model and hotwords at the app's beam width: as much held in the last half hour as in the first", { timeout: 60_000 }, () => {
    const languageModel = { model: parseArpa(TINY_ARPA), alpha: 0.8, beta: 5 };
    const decoder = beam({ beamWidth: 16, languageModel, hotwords: { terms: ['BAD', 'TOE'], weight: 3 } })(streamVocab, 1 / frameRate) as BeamSearchDecoder;
    const halfway = 30 * 60 * frameRate;
    const halves = [none, none];
    let final = 0;
    let spoken = 0;
    for (const chunk of syntheticCtcStream(2 * halfway, 800, 11)) {
      final += decoder.push(chunk.frames, chunk.first).length;
      spoken += chunk.words.length;
      const half = chunk.first < halfway ? 0 : 1;
      halves[half] = most(halves[half], decoder.heldState);
    }
    final += decoder.flush().length;
    // The language model joins a few unknown words; the rest all come out, as the stream goes.
    expect(final).toBeGreaterThan(0.95 * spoken);
    const [first, second] = halves;
    expect(first.beams).toBeLessThanOrEqual(16);
    expect(first.words).toBeLessThan(16 * 40);
    expect(first.characters).toBeLessThan(16 * 200);
    // Flat: the second half hour never holds more than the first did, give or take a word per beam.
    expect(second.beams).toBeLessThanOrEqual(first.beams);
    expect(second.words).toBeLessThanOrEqual(first.words + 16);
    expect(second.characters).toBeLessThanOrEqual(first.characters + 16 * 6);
  });
});
