import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StreamingTranscriber } from '../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { wordErrorRate } from '../../../src/features/transcript/wordErrorRate.ts';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import {
  ffmpegPcmChunks,
  longManifest,
  MODELS_DIR,
  readWav16kMono,
  sentenceManifest,
  TONES,
} from '../../support/sharedFixtures.ts';
import { onePass, text } from '../../support/toneModel.ts';

let model: CtcModel;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
});

async function chunked(
  samples: Float32Array,
  windowSeconds: number,
  strideSeconds: number,
  pieceSamples = 7_777,
): Promise<TranscribedWord[]> {
  const transcriber = new StreamingTranscriber(model, windowSettings(model.geometry, windowSeconds, strideSeconds));
  const words: TranscribedWord[] = [];
  for (let offset = 0; offset < samples.length; offset += pieceSamples) {
    words.push(...(await transcriber.push(samples.subarray(offset, offset + pieceSamples))).words);
  }
  words.push(...(await transcriber.finish()).words);
  return words;
}

describe('tone-ctc chunked by the streaming transcriber', () => {
  const settings: Array<[number, number]> = [
    [4, 0.5],
    [4, 1],
    [5.5, 1.5],
    [7.3, 3],
    [10, 2],
    [20, 2],
    [30, 3],
    [30, 0.5],
  ];

  it.each(settings)('chunked with a %s s window and %s s stride equals one pass, word for word', async (win, stride) => {
    for (const { file, text: expected } of sentenceManifest()) {
      const samples = readWav16kMono(path.join(TONES, 'sentences', file));
      const reference = await onePass(model, samples);
      const words = await chunked(samples, win, stride);
      expect(text(words), file).toBe(expected);
      // Each window is normalised on its own, so probabilities (hence confidence) move in the
      // fourth decimal; words and their frame timings are exact.
      expect(words.map(({ confidence, ...timed }) => timed), file).toEqual(reference.map(({ confidence, ...timed }) => timed));
      words.forEach((word, i) => expect(word.confidence, `${file} ${word.text}`).toBeCloseTo(reference[i].confidence, 2));
    }
  });

  it('places every word within one frame of its known start', async () => {
    for (const { file, text: expected } of sentenceManifest()) {
      const words = await chunked(readWav16kMono(path.join(TONES, 'sentences', file)), 4, 1);
      let symbol = 0;
      expected.split(' ').forEach((word, i) => {
        const knownStart = 0.2 + 0.12 * symbol;
        expect(Math.abs(words[i].start - knownStart), `${file} "${word}"`).toBeLessThanOrEqual(0.02 + 1e-9);
        expect(words[i].end).toBeGreaterThan(words[i].start);
        symbol += word.length + 1;
      });
    }
  });

  it('transcribes the ten-minute file exactly, streamed in windows, with bounded work per window', async () => {
    const { file, text: expected } = longManifest();
    const transcriber = new StreamingTranscriber(model, windowSettings(model.geometry, 20, 2));
    const words: TranscribedWord[] = [];
    for await (const piece of ffmpegPcmChunks(path.join(TONES, 'long', file))) {
      words.push(...(await transcriber.push(piece)).words);
    }
    const last = await transcriber.finish();
    words.push(...last.words);
    expect(last.receivedSeconds).toBeGreaterThan(590);
    expect(transcriber.windowCount).toBe(Math.ceil((last.receivedSeconds - 4) / 16));
    expect(wordErrorRate(expected, text(words))).toBe(0);
    expect(text(words)).toBe(expected);
  });

  it('gives the ten-minute file exactly in one pass, and chunked word for word the same', async () => {
    const { file, text: expected } = longManifest();
    const pieces: Float32Array[] = [];
    for await (const piece of ffmpegPcmChunks(path.join(TONES, 'long', file))) pieces.push(piece);
    const samples = new Float32Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    pieces.reduce((offset, piece) => (samples.set(piece, offset), offset + piece.length), 0);
    const reference = await onePass(model, samples);
    expect(text(reference)).toBe(expected);
    // Each window is normalised on its own, as it must be when the whole clip is never held, so
    // over ten minutes a word's edge may land one frame away from the one-pass edge; never more.
    for (const [win, stride] of [[4, 0.5], [13.7, 2.5], [30, 3]]) {
      const words = await chunked(samples, win, stride, 160_000);
      const settings = `${win} s window, ${stride} s stride`;
      expect(words.map((w) => w.text), settings).toEqual(reference.map((w) => w.text));
      const drift = Math.max(...words.map((w, i) => Math.max(Math.abs(w.start - reference[i].start), Math.abs(w.end - reference[i].end))));
      expect(drift, settings).toBeLessThanOrEqual(0.02 + 1e-9);
    }
  });
});
