import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { decoderFor } from '../../../src/engine/worker/decoderFor.ts';
import { MODELS_DIR, readWav16kMono } from '../../support/sharedFixtures.ts';
import { chunkedWords, delayed, perSentenceWords, singleThreadedOrt, textOf, wordErrors } from '../../support/speechAccuracy.ts';
import { readAudio16kMono, speechLongManifest, type TimedSentence } from '../../support/speechFixtures.ts';
import { unseenSpeechFile } from '../../support/unseenSpeech.ts';

// Chunking adds no errors: at the default window and stride, chunked decoding of a long recording
// is at most 0.2 points of WER above one pass per sentence (each sentence alone, with a quarter
// second either side, normalised on its own). espeak-ctc's words move with any change of its input
// (a delay of a fraction of a frame moves a file's WER by more than the tolerance), so both sides
// pool their errors over four phases of the frame grid: the recording delayed by 0, ¼, ½ and ¾ of
// a frame (bench/chunkingAccuracy.ts measures the same on more settings and a third file).
// The decoder is the one the engine gives a *Fast* job, which ends words at pauses (pauseBreaks.ts):
// greedy decoding alone runs the last word of a sentence into the first of the next wherever the
// model emits no delimiter between them, and misses the target on both files.
const PHASES = 4;
const TOLERANCE = 0.002;
const decoder = decoderFor({ kind: 'greedy' }, null);

let model: CtcModel;
let dir: string;

beforeAll(async () => {
  singleThreadedOrt();
  model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'chunking-parity-'));
});

afterAll(async () => {
  await model?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** WER of one pass per sentence and of the chunked run at the defaults, errors pooled over the phases. */
async function werBothWays(samples: Float32Array, sentences: readonly TimedSentence[], text: string): Promise<{ onePass: number; chunked: number }> {
  const settings = windowSettings(model.geometry);
  let onePassErrors = 0;
  let chunkedErrors = 0;
  let words = 0;
  for (let k = 0; k < PHASES; k++) {
    const phase = delayed(samples, sentences, Math.round((k * model.geometry.hop) / PHASES));
    onePassErrors += wordErrors(text, textOf(await perSentenceWords(model, phase.samples, phase.sentences))).errors;
    const chunked = wordErrors(text, textOf(await chunkedWords(model, phase.samples, settings, decoder)));
    chunkedErrors += chunked.errors;
    words += chunked.words;
  }
  return { onePass: onePassErrors / words, chunked: chunkedErrors / words };
}

describe('chunked decoding against one pass per sentence, espeak-ctc, default window and stride', () => {
  it('the ten-minute speech fixture: within 0.2 points of WER', async () => {
    const long = speechLongManifest();
    const { onePass, chunked } = await werBothWays(await readAudio16kMono(long.file), long.sentences, long.text);
    expect(onePass).toBeLessThan(0.55); // a sound model and input: the model's README gives its one-pass WER here
    expect(chunked).toBeLessThanOrEqual(onePass + TOLERANCE);
  });

  it('five minutes made with espeak-ng in another voice, other sentences and uneven pauses: within 0.2 points of WER', async () => {
    const speech = unseenSpeechFile(dir);
    expect(speech.seconds).toBeGreaterThan(270);
    const { onePass, chunked } = await werBothWays(readWav16kMono(speech.file), speech.sentences, speech.text);
    expect(onePass).toBeLessThan(0.5);
    expect(chunked).toBeLessThanOrEqual(onePass + TOLERANCE);
  });
});
