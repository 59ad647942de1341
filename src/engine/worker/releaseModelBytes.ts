/** The one call transformers.js makes into ONNX Runtime to build a session. */
export interface SessionFactory {
  create(...args: never[]): Promise<unknown>;
}

type Detachable = ArrayBuffer & { transfer?: (newLength: number) => ArrayBuffer };

/**
 * Frees a model's file bytes as soon as ONNX Runtime has its session. transformers.js reads the
 * ONNX file into a Uint8Array and passes it to `InferenceSession.create`, which copies it into the
 * runtime's WebAssembly heap; the array is then garbage, a whole model's size of it, which the
 * engine worker's collector reaches late or never (the worker allocates little of its own).
 * transformers.js gives no hook to release it, so its call is wrapped: once the session exists, the
 * array's buffer is detached (`ArrayBuffer.prototype.transfer(0)` frees it at once). A buffer that
 * holds more than the model, or a path, is left alone.
 */
export function releaseModelBytesOnceLoaded(factory: SessionFactory): void {
  const create = factory.create.bind(factory) as (...args: unknown[]) => Promise<unknown>;
  factory.create = async (...args: unknown[]) => {
    const session = await create(...args);
    const [model] = args;
    if (model instanceof Uint8Array && model.buffer instanceof ArrayBuffer && model.byteLength === model.buffer.byteLength) {
      (model.buffer as Detachable).transfer?.(0);
    }
    return session;
  };
}
