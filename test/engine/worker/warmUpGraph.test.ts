// The warm-up graph in the real runtime (native ONNX Runtime runs the same operator kernels' code
// as ONNX Runtime Web's WASM build), and against the graph of the product's default checkpoint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { fieldsOf, GRAPH, MODEL, NODE, WIRE, type Field } from '../../../src/engine/worker/onnxProto.ts';
import { WARM_UP_INPUT, WARM_UP_OUTPUT, warmUpGraph } from '../../../src/engine/worker/warmUpGraph.ts';
import { SHARED } from '../../support/sharedFixtures.ts';

/** The op_type of every node of a model's main graph. */
function opTypes(model: Uint8Array): Set<string> {
  const ops = new Set<string>();
  const isMessage = (field: Field, number: number) => field.number === number && field.wireType === WIRE.LENGTH_DELIMITED;
  for (const graph of fieldsOf(model)) {
    if (!isMessage(graph, MODEL.GRAPH)) continue;
    for (const node of fieldsOf(model, graph.payload, graph.end)) {
      if (!isMessage(node, GRAPH.NODE)) continue;
      for (const field of fieldsOf(model, node.payload, node.end)) {
        if (isMessage(field, NODE.OP_TYPE)) ops.add(new TextDecoder().decode(model.subarray(field.payload, field.end)));
      }
    }
  }
  return ops;
}

/** Operators that only move shapes or constants about: too little work to be worth compiling. */
const SHAPE_ONLY = new Set(['Constant', 'Identity', 'Unsqueeze', 'Squeeze', 'Shape', 'Gather', 'Concat', 'Reshape', 'Split']);

describe('the warm-up graph', () => {
  it('runs in ONNX Runtime: a second of audio gives finite logits, the same every time', async () => {
    const session = await ort.InferenceSession.create(warmUpGraph());
    expect(session.inputNames).toEqual([WARM_UP_INPUT]);
    expect(session.outputNames).toEqual([WARM_UP_OUTPUT]);
    const audio = new Float32Array(16_000).map((_, i) => Math.sin(i / 10));
    const first = (await session.run({ [WARM_UP_INPUT]: new ort.Tensor('float32', audio, [1, 1, audio.length]) }))[WARM_UP_OUTPUT];
    const second = (await session.run({ [WARM_UP_INPUT]: new ort.Tensor('float32', audio, [1, 1, audio.length]) }))[WARM_UP_OUTPUT];
    expect(first.dims).toEqual([1, 799, 32]);
    expect((first.data as Float32Array).every(Number.isFinite)).toBe(true);
    expect(second.data).toEqual(first.data);
    await session.release();
    expect(warmUpGraph()).toEqual(warmUpGraph());
  });

  it.each([
    ['base-bench (the graph of Xenova/wav2vec2-base-960h, q8)', 'base-bench/onnx/model_quantized.onnx'],
    ['espeak-ctc (float)', 'espeak-ctc/onnx/model.onnx'],
  ])('runs every computing operator of %s', (_name, file) => {
    const model = opTypes(new Uint8Array(readFileSync(path.join(SHARED, 'models', file))));
    const warmUp = opTypes(warmUpGraph());
    // Gemm and Log are the float export's head and the CTC log-softmax of espeak-ctc: small next to the encoder.
    const missing = [...model].filter((op) => !SHAPE_ONLY.has(op) && !warmUp.has(op) && op !== 'Gemm' && op !== 'Log');
    expect(missing).toEqual([]);
  });
});
