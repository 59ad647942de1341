import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { MODELS_DIR, readWav16kMono, sentenceManifest, TONES } from '../../support/sharedFixtures.ts';
import { onePass, text } from '../../support/toneModel.ts';

let model: CtcModel;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
});

describe('tone-ctc through transformers.js and ONNX Runtime', () => {
  it('declares what the preprocessing needs', () => {
    expect(model.info).toEqual({ dtype: 'fp32', normalizes: true, attentionMask: 'none' });
    expect(model.geometry.hop).toBe(320);
  });

  it.each(sentenceManifest())('one pass gives the exact text of $file', async ({ file, text: expected }) => {
    const samples = readWav16kMono(path.join(TONES, 'sentences', file));
    expect(text(await onePass(model, samples))).toBe(expected);
  });
});
