import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArpa } from '../../../src/engine/asr/languageModel/readArpa.ts';
import { decoderFor } from '../../../src/engine/worker/decoderFor.ts';
import { EngineJobs } from '../../../src/engine/worker/engineJobs.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import type { DecoderChoice, JobSettings } from '../../../src/engine/protocol.ts';
import type { NgramLanguageModel } from '../../../src/engine/asr/languageModel/ngramLanguageModel.ts';
import { MODELS_DIR, readWav16kMono, sentenceManifest, TONES } from '../../support/sharedFixtures.ts';
import { text } from '../../support/toneModel.ts';

let model: CtcModel;
let languageModel: NgramLanguageModel;

/** A unigram model of the fixtures' own words: enough for the search to use, as a real one would be. */
function unigramArpa(words: string[]): string {
  const vocabulary = [...new Set(words)];
  const p = Math.log10(1 / (vocabulary.length + 2));
  const lines = ['<s>', '</s>', ...vocabulary].map((w) => `${p.toFixed(4)}\t${w}`);
  return `\\data\\\nngram 1=${lines.length}\n\n\\1-grams:\n${lines.join('\n')}\n\n\\end\\\n`;
}

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
  languageModel = parseArpa(unigramArpa(sentenceManifest().flatMap((s) => s.text.split(' '))));
});

async function transcribe(jobs: EngineJobs, file: string, decoder: DecoderChoice): Promise<string> {
  const settings: JobSettings = { windowSeconds: 4, strideSeconds: 1, decoder };
  jobs.startJob(settings);
  const samples = readWav16kMono(path.join(TONES, 'sentences', file));
  const words = [];
  for (let at = 0; at < samples.length; at += 8_000) words.push(...(await jobs.push(samples.slice(at, at + 8_000))).words);
  words.push(...(await jobs.finish()).words);
  return text(words);
}

const beam = (languageModelWeights: { alpha: number; beta: number } | null, hotwords: string[] = []): DecoderChoice => ({
  kind: 'beam',
  beamWidth: 16,
  languageModel: languageModelWeights,
  hotwords,
  hotwordWeight: 3,
});

describe("the engine's decoder per job", () => {
  it('gives every decoder the exact text of the tone sentences, one job after another on the same engine', async () => {
    const jobs = new EngineJobs(model, () => languageModel);
    for (const { file, text: expected } of sentenceManifest().slice(0, 4)) {
      expect(await transcribe(jobs, file, { kind: 'greedy' }), `${file} greedy`).toBe(expected);
      expect(await transcribe(jobs, file, beam(null)), `${file} beam`).toBe(expected);
      expect(await transcribe(jobs, file, beam({ alpha: 0.5, beta: 1 }, ['UNDERSTOOD'])), `${file} beam + LM`).toBe(expected);
    }
  });

  it('says a language model is needed when beam search asks for one and none is loaded', () => {
    expect(() => decoderFor(beam({ alpha: 0.5, beta: 1 }), null)).toThrow(/no language model is loaded/);
  });
});
