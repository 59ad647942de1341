import { splitWeightsFromGraph } from './weightsBesideGraph.ts';

/** The one call transformers.js makes into ONNX Runtime to build a session. */
export interface SessionFactory {
  create(...args: never[]): Promise<unknown>;
}

type Detachable = ArrayBuffer & { transfer?: (newLength: number) => ArrayBuffer };

/** The name a model file is mounted under when its own weights are read from it as external data. */
export const MODEL_WEIGHTS_PATH = 'model-weights.bin';

function hasExternalData(options: unknown): boolean {
  const externalData = (options as { externalData?: unknown[] } | undefined)?.externalData;
  return externalData !== undefined && externalData.length > 0;
}

function splitOrNull(model: Uint8Array) {
  try {
    return splitWeightsFromGraph(model, MODEL_WEIGHTS_PATH);
  } catch {
    // Not a protobuf this can walk: ONNX Runtime reads it whole and says what is wrong with it.
    return null;
  }
}

/** Frees an array's memory at once, unless it is a view into a larger buffer. */
function detachWhole(bytes: Uint8Array): void {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength) (bytes.buffer as Detachable).transfer?.(0);
}

/**
 * Builds every session from a model file's bytes with the least memory, by changing the one call
 * transformers.js makes (it offers no hook for either part):
 * - the model goes in as its graph with the weights as external data, read from the file's own
 *   bytes (`splitWeightsFromGraph`), so ONNX Runtime copies each weight once, into its tensor;
 * - once the session exists the file's bytes are garbage, a whole model's size of it, which the
 *   engine worker's collector reaches late or never (it allocates little of its own), so their
 *   buffer is detached (`ArrayBuffer.prototype.transfer(0)` frees it at once). A buffer that holds
 *   more than the model, or a path, is left alone.
 */
export function makeSessionCreateLean(factory: SessionFactory): void {
  const create = factory.create.bind(factory) as (...args: unknown[]) => Promise<unknown>;
  factory.create = async (...args: unknown[]) => {
    const [model, options] = args;
    if (!(model instanceof Uint8Array)) return create(...args);
    const split = hasExternalData(options) ? null : splitOrNull(model);
    const session =
      split === null
        ? await create(...args)
        : await create(split.graph, { ...(options as object | undefined), externalData: [{ path: MODEL_WEIGHTS_PATH, data: model }] });
    detachWhole(model);
    return session;
  };
}
