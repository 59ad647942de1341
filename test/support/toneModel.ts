import { GreedyCtcDecoder } from '../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import type { CtcModel } from '../../src/engine/worker/ctcModel.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';

/** The model over the whole clip at once: the reference that chunking must reproduce. */
export async function onePass(model: CtcModel, samples: Float32Array): Promise<TranscribedWord[]> {
  const frames = await model.logProbs(samples, samples.length, 0, Infinity);
  const decoder = new GreedyCtcDecoder(model.vocabulary, model.geometry.hop / SAMPLE_RATE);
  return [...decoder.push(frames, 0), ...decoder.flush()];
}

export const text = (words: readonly TranscribedWord[]) => words.map((w) => w.text).join(' ');
