import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSessionCreateLean, MODEL_WEIGHTS_PATH } from '../../../src/engine/worker/leanSessionCreate.ts';
import { SHARED } from '../../support/sharedFixtures.ts';

const TONE_CTC = path.join(SHARED, 'models/tone-ctc/onnx/model.onnx');

/** `bytes` in a buffer of their own that can be detached as browsers do (Node 20 lacks `transfer`). */
function detachable(bytes: Uint8Array): Uint8Array {
  const own = new Uint8Array(bytes);
  Object.defineProperty(own.buffer, 'transfer', {
    value(this: ArrayBuffer, newLength: number) {
      structuredClone(this, { transfer: [this] });
      return new ArrayBuffer(newLength);
    },
  });
  return own;
}

interface Call {
  model: Uint8Array | string;
  /** The model's length when the runtime read it (its buffer may be detached later). */
  modelBytes: number;
  options?: { externalData?: { path: string; data: Uint8Array }[]; executionProviders?: string[] };
  /** The external data's length when the runtime read it. */
  externalBytes?: number;
}

/** A session factory that records what the runtime was given while it built the session. */
function factory(fail = false) {
  const calls: Call[] = [];
  const runtime = {
    async create(model: Uint8Array | string, options?: Call['options']) {
      calls.push({ model, modelBytes: typeof model === 'string' ? -1 : model.byteLength, options, externalBytes: options?.externalData?.[0]?.data.byteLength });
      if (fail) throw new Error('protobuf parsing failed');
      return { inputNames: ['input_values'] };
    },
  };
  makeSessionCreateLean(runtime);
  return { runtime, calls };
}

describe('building a session from a model file with the least memory', () => {
  it('gives the runtime the graph, with the file itself as its external data, then detaches the file', async () => {
    const { runtime, calls } = factory();
    const file = detachable(readFileSync(TONE_CTC));
    const length = file.byteLength;
    const session = await runtime.create(file, { executionProviders: ['wasm'] });
    expect(session).toEqual({ inputNames: ['input_values'] });
    const [call] = calls;
    expect(call.modelBytes).toBeLessThan(length / 10);
    expect(call.options?.executionProviders).toEqual(['wasm']);
    expect(call.options?.externalData?.map((e) => e.path)).toEqual([MODEL_WEIGHTS_PATH]);
    expect(call.options?.externalData?.[0].data).toBe(file);
    expect(call.externalBytes).toBe(length);
    expect(file.buffer.byteLength).toBe(0);
  });

  it('passes through what it cannot split: bytes that are not a model, a model with its own external data, a path', async () => {
    const { runtime, calls } = factory();
    const notAModel = detachable(new Uint8Array(1000).fill(7));
    await runtime.create(notAModel);
    expect(calls[0].model).toBe(notAModel);
    expect(calls[0].modelBytes).toBe(1000);
    expect(notAModel.buffer.byteLength).toBe(0);

    const graph = detachable(readFileSync(TONE_CTC));
    const externalData = [{ path: 'model.onnx_data', data: new Uint8Array(10) }];
    await runtime.create(graph, { externalData });
    expect(calls[1].model).toBe(graph);
    expect(calls[1].options?.externalData).toBe(externalData);

    await expect(runtime.create('/models/base-bench/onnx/model_quantized.onnx')).resolves.toBeTruthy();
    expect(calls[2].model).toBe('/models/base-bench/onnx/model_quantized.onnx');
  });

  it('leaves alone a view into a larger buffer', async () => {
    const { runtime, calls } = factory();
    const whole = detachable(new Uint8Array(1000).fill(7));
    const part = whole.subarray(100, 600);
    await runtime.create(part);
    expect(calls[0].model).toBe(part);
    expect(part.buffer.byteLength).toBe(1000);
  });

  it('keeps the bytes and the error when the session cannot be built', async () => {
    const { runtime } = factory(true);
    const file = detachable(readFileSync(TONE_CTC));
    await expect(runtime.create(file)).rejects.toThrow('protobuf parsing failed');
    expect(file.buffer.byteLength).toBe(readFileSync(TONE_CTC).byteLength);
  });
});
