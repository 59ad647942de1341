// The split graph run by the real runtime: native ONNX Runtime reads external data from a file
// beside the graph, so the test writes the graph and the untouched model file side by side and
// demands the same logits as the model loaded whole.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { splitWeightsFromGraph } from '../../../src/engine/worker/weightsBesideGraph.ts';
import { SHARED } from '../../support/sharedFixtures.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'split-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function logits(session: ort.InferenceSession, samples: Float32Array): Promise<Float32Array> {
  const input = new ort.Tensor('float32', samples, [1, samples.length]);
  const output = await session.run({ [session.inputNames[0]]: input });
  return output[session.outputNames[0]].data as Float32Array;
}

describe.each([
  ['tone-ctc', 'onnx/model.onnx'],
  ['espeak-ctc', 'onnx/model.onnx'],
  ['base-bench', 'onnx/model_quantized.onnx'],
])('%s with its weights beside the graph', (model, file) => {
  it('is a small graph that computes exactly what the whole file computes', async () => {
    const modelPath = path.join(SHARED, 'models', model, file);
    const bytes = new Uint8Array(readFileSync(modelPath));
    const split = splitWeightsFromGraph(bytes, 'weights.bin');
    expect(split).not.toBeNull();
    expect(split!.movedInitializers).toBeGreaterThan(0);
    expect(split!.graph.byteLength).toBeLessThan(bytes.byteLength / 10);

    const graphPath = path.join(dir, `${model}.onnx`);
    writeFileSync(graphPath, split!.graph);
    copyFileSync(modelPath, path.join(dir, 'weights.bin'));
    const samples = Float32Array.from({ length: 3 * 16_000 }, (_, i) => 0.3 * Math.sin(i / 7) + 0.1 * Math.sin(i / 53));
    const whole = await ort.InferenceSession.create(modelPath);
    const fromSplit = await ort.InferenceSession.create(graphPath);
    try {
      const expected = await logits(whole, samples);
      expect(expected.length).toBeGreaterThan(0);
      expect(await logits(fromSplit, samples)).toEqual(expected);
    } finally {
      await whole.release();
      await fromSplit.release();
    }
  });
});
