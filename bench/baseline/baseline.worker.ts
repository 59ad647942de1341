// The naive way to use transformers.js for speech: its ASR pipeline over the whole decoded file in
// one pass. Bench-only: the yardstick the app's streaming engine is measured against.
import { env, pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import * as Comlink from 'comlink';
import { ortWasmPaths } from '../../src/engine/worker/ortAssets.ts';
import { installRuntimeMemoryProbe } from '../../src/engine/worker/runtimeMemoryProbe.ts';
import type { EngineStats } from '../../src/engine/protocol.ts';

env.backends.onnx.wasm!.wasmPaths = ortWasmPaths;
// The model folders are served at /models/; loaded as "remote" files from this origin, since
// transformers.js cannot probe for a local model's tokenizer over HTTP.
env.allowLocalModels = false;
env.allowRemoteModels = true;
env.remoteHost = new URL('/models/', self.location.href).href;
env.remotePathTemplate = '{model}/';
env.useBrowserCache = false;

const runtimeMemory = installRuntimeMemoryProbe();
let asr: AutomaticSpeechRecognitionPipeline | null = null;
let loaded = '';

const api = {
  async load(model: string, device: 'wasm' | 'webgpu', dtype: 'fp32' | 'q8'): Promise<void> {
    if (asr !== null && loaded === `${model} ${device} ${dtype}`) return;
    await asr?.dispose();
    asr = (await pipeline('automatic-speech-recognition', model, { device, dtype })) as AutomaticSpeechRecognitionPipeline;
    loaded = `${model} ${device} ${dtype}`;
  },
  async transcribe(audio: Float32Array): Promise<string> {
    const result = (await asr!(audio)) as { text: string };
    return result.text;
  },
  async stats(): Promise<EngineStats> {
    return {
      wasmHeapBytes: runtimeMemory.wasmHeapBytes(),
      wasmHeapShared: runtimeMemory.wasmHeapShared(),
      tensorBytes: 0,
      gpuBufferBytes: runtimeMemory.gpuBufferBytes(),
      gpuBufferBytesCreated: runtimeMemory.gpuBufferBytesCreated(),
      windowsRun: 0,
      windowSamples: 0,
      maxHeldSamples: 0,
    };
  },
};

export type BaselineApi = typeof api;
Comlink.expose(api);
