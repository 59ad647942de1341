import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { beamSearchDecoder } from '../../../../src/engine/asr/decoders/beamSearchDecoder.ts';
import type { CtcDecoderFactory } from '../../../../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../../../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { StreamingTranscriber } from '../../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings } from '../../../../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../../../../src/engine/worker/ctcModel.ts';
import type { TranscribedWord } from '../../../../src/shared/transcript.ts';
import { MODELS_DIR, readWav16kMono, sentenceManifest, TONES } from '../../../support/sharedFixtures.ts';

let model: CtcModel;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
});

async function transcribe(factory: CtcDecoderFactory, samples: Float32Array, windowSeconds: number, strideSeconds: number): Promise<TranscribedWord[]> {
  const transcriber = new StreamingTranscriber(model, windowSettings(model.geometry, windowSeconds, strideSeconds), factory);
  const words: TranscribedWord[] = [];
  for (let offset = 0; offset < samples.length; offset += 7_777) words.push(...(await transcriber.push(samples.subarray(offset, offset + 7_777))).words);
  words.push(...(await transcriber.finish()).words);
  return words;
}

const text = (words: TranscribedWord[]) => words.map((w) => w.text).join(' ');

describe('greedy and beam search on tone-ctc, chunked through StreamingTranscriber', () => {
  const decoders: Array<[string, CtcDecoderFactory]> = [
    ['greedy', greedyCtcDecoder],
    ['beam search', beamSearchDecoder()],
  ];

  it.each([[4, 1], [7.3, 3], [20, 2]])('both give every sentence exactly with a %s s window and %s s stride, beam word for word as greedy', async (win, stride) => {
    for (const { file, text: expected } of sentenceManifest()) {
      const samples = readWav16kMono(path.join(TONES, 'sentences', file));
      const results = new Map<string, TranscribedWord[]>();
      for (const [name, factory] of decoders) {
        const words = await transcribe(factory, samples, win, stride);
        expect(text(words), `${name}, ${file}`).toBe(expected);
        results.set(name, words);
      }
      const greedy = results.get('greedy')!;
      const beam = results.get('beam search')!;
      beam.forEach((word, i) => {
        expect(word.start, file).toBeCloseTo(greedy[i].start, 9);
        expect(word.end, file).toBeCloseTo(greedy[i].end, 9);
        expect(Math.abs(word.confidence - greedy[i].confidence), file).toBeLessThan(0.01);
      });
    }
  });
});
