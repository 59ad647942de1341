import { SAMPLE_RATE } from '../../shared/audioFormat.ts';

/** What the breakdown is made from: the engine's own figures and the page's audio buffers. */
export interface BreakdownInputs {
  /** The best total (bestTotal), or null before the first page measurement. */
  readonly totalBytes: number | null;
  readonly wasmHeapBytes: number | null;
  /** Bytes of the model's ONNX file(s), which ONNX Runtime holds in its heap. */
  readonly modelWeightBytes: number | null;
  /** On WebGPU the weights live in GPU buffers, shown apart, not in the heap. */
  readonly weightsOnGpu: boolean;
  /** Samples the engine holds now: its window buffer and the chunks being pushed. */
  readonly engineHeldSamples: number;
  /** Bytes of the engine's reused model input (the window normalised, and its mask). */
  readonly engineInputBytes: number;
  /** Samples the page has decoded that the engine has not taken yet. */
  readonly pageAudioSamples: number;
}

export interface BreakdownPart {
  readonly key: 'weights' | 'runtime' | 'audio' | 'page';
  readonly label: string;
  /** Null when it cannot be known yet. */
  readonly bytes: number | null;
  readonly how: string;
}

/** Float32 samples. */
const BYTES_PER_SAMPLE = 4;

/**
 * Where the bytes are, from what can be measured: the model's weights (its files' size, never more
 * than the heap that holds them), the rest of ONNX Runtime's heap (its working memory: activations,
 * arena, the graph), the audio held (the engine's window and its model input, chunks in flight, and
 * what the page decoded ahead), and the page: whatever else the browser measured (JavaScript heaps,
 * the DOM, workers). The four add up to the total whenever the total covers the other three.
 */
export function memoryBreakdown(inputs: BreakdownInputs): BreakdownPart[] {
  const heap = inputs.wasmHeapBytes;
  const weights = heap === null || inputs.modelWeightBytes === null || inputs.weightsOnGpu ? null : Math.min(inputs.modelWeightBytes, heap);
  const runtime = heap === null ? null : heap - (weights ?? 0);
  const weightsHow = inputs.weightsOnGpu
    ? 'in GPU buffers on WebGPU, shown apart'
    : "size of the model's ONNX file(s), held in ONNX Runtime's heap";
  const runtimeHow = weights !== null
    ? "ONNX Runtime's heap less the weights"
    : inputs.weightsOnGpu
      ? "ONNX Runtime's whole heap (the weights are on the GPU)"
      : "ONNX Runtime's whole heap (the weights' size is not known)";
  const audio = (inputs.engineHeldSamples + inputs.pageAudioSamples) * BYTES_PER_SAMPLE + inputs.engineInputBytes;
  const page = inputs.totalBytes === null ? null : Math.max(0, inputs.totalBytes - (heap ?? 0) - audio);
  const seconds = (inputs.engineHeldSamples + inputs.pageAudioSamples) / SAMPLE_RATE;
  return [
    { key: 'weights', label: 'model weights', bytes: weights, how: weightsHow },
    { key: 'runtime', label: "runtime's working memory", bytes: runtime, how: runtimeHow },
    { key: 'audio', label: 'audio held', bytes: audio, how: `${seconds.toFixed(1)} s in the engine and decoded ahead, and the model's input` },
    { key: 'page', label: 'page and the rest', bytes: page, how: 'the browser measurement less the above' },
  ];
}
