import { describe, expect, it } from 'vitest';
import { releaseModelBytesOnceLoaded } from '../../../src/engine/worker/releaseModelBytes.ts';

/** A model file's bytes whose buffer can be detached as browsers do (Node 20 lacks `transfer`). */
function modelBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(7);
  Object.defineProperty(bytes.buffer, 'transfer', {
    value(this: ArrayBuffer, newLength: number) {
      structuredClone(this, { transfer: [this] });
      return new ArrayBuffer(newLength);
    },
  });
  return bytes;
}

/** A session factory that records what the runtime saw of the model while it built the session. */
function factory(fail = false) {
  const seen: number[] = [];
  const runtime = {
    async create(model: Uint8Array | string, _options?: object) {
      seen.push(typeof model === 'string' ? -1 : model.reduce((sum, b) => sum + b, 0));
      if (fail) throw new Error('protobuf parsing failed');
      return { inputNames: ['input_values'] };
    },
  };
  releaseModelBytesOnceLoaded(runtime);
  return { runtime, seen };
}

describe('releasing the model file bytes once the session exists', () => {
  it('lets the runtime read them whole, then detaches their buffer', async () => {
    const { runtime, seen } = factory();
    const bytes = modelBytes(1000);
    const session = await runtime.create(bytes, { executionProviders: ['wasm'] });
    expect(session).toEqual({ inputNames: ['input_values'] });
    expect(seen).toEqual([7000]);
    expect(bytes.buffer.byteLength).toBe(0);
  });

  it('leaves alone a view into a larger buffer, and a path', async () => {
    const { runtime } = factory();
    const part = modelBytes(1000).subarray(100, 600);
    await runtime.create(part);
    expect(part.buffer.byteLength).toBe(1000);
    await expect(runtime.create('/models/base-bench/onnx/model_quantized.onnx')).resolves.toBeTruthy();
  });

  it('keeps the bytes and the error when the session cannot be built', async () => {
    const { runtime } = factory(true);
    const bytes = modelBytes(10);
    await expect(runtime.create(bytes)).rejects.toThrow('protobuf parsing failed');
    expect(bytes.buffer.byteLength).toBe(10);
  });
});
