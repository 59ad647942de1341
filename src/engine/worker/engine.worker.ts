import { env } from '@huggingface/transformers';
import * as Comlink from 'comlink';
import { errorText } from '../../shared/errorText.ts';
import { modelLoadFailure } from '../modelLoadError.ts';
import { chooseBackend, wasmThreads } from './chooseBackend.ts';
import { CtcModel, type ModelLocation } from './ctcModel.ts';
import { DEFAULT_RUNTIME, type EngineApi, type EngineInfo, type LoadRequest, type RuntimeWarmUp } from '../protocol.ts';
import { EngineJobs } from './engineJobs.ts';
import type { NgramLanguageModel } from '../asr/languageModel/ngramLanguageModel.ts';
import { readArpa } from '../asr/languageModel/readArpa.ts';
import { describeModelSource, resolveModelSource } from '../../shared/modelSource.ts';
import { ortPlainWasmPaths, ortWasmPathsFor, type OrtWasmPaths } from './ortAssets.ts';
import { benchLoadOptions } from './benchHooks.ts';
import { installRuntimeMemoryProbe } from './runtimeMemoryProbe.ts';
import { makeSessionCreateLean } from './leanSessionCreate.ts';
import { reusedChunkCache, withReusedChunks } from './reusedChunkBodies.ts';
import { InferenceSession, Tensor } from 'onnxruntime-web/webgpu';
import { warmUpRuntime, type WarmUpRuntime } from './warmUpRuntime.ts';
import { MODEL_CACHE_NAME } from '../protocol.ts';

// The service worker precaches ORT's hashed .wasm/.mjs: a second copy in Cache Storage (and a
// 26 MB wasmBinary held in this worker) would be waste.
env.useWasmCache = false;
// Model files are cached in MODEL_CACHE_NAME on first use (the storage panel lists and deletes them
// by that name), and every file is read without leaving a chunk per read behind.
env.useCustomCache = true;
env.customCache = reusedChunkCache(MODEL_CACHE_NAME);
const fetchOnce = env.fetch;
env.fetch = (...args: Parameters<typeof fetchOnce>) => fetchOnce(...args).then(withReusedChunks);
const runtimeMemory = installRuntimeMemoryProbe();
// The same module transformers.js builds its sessions with (one copy in the bundle).
makeSessionCreateLean(InferenceSession);

let model: CtcModel | null = null;
let loadedKey = '';
let info: EngineInfo | null = null;
let jobs: EngineJobs | null = null;
let languageModel: NgramLanguageModel | null = null;
/** The ORT runtime this worker started with its first load (it cannot change after). */
let ortRuntime: OrtWasmPaths | null = null;
/** The warm-up this worker ran (it compiles the runtime once, for every model after). */
let warmUp: RuntimeWarmUp | null = null;
let warmUpFailure: string | null = null;
/** The counters of models loaded before this one in the same worker (the memory panel's totals). */
let windowsBefore = 0;
let maxHeldBefore = 0;

/** The warm-up as the model picker's reason shows it, after the thread count. */
function warmUpText(report: RuntimeWarmUp | null, failure: string | null): string {
  if (failure !== null) return `; the runtime's warm-up failed (${failure})`;
  if (report === null) return '';
  const seconds = (report.milliseconds / 1000).toFixed(1);
  return report.settled
    ? `; runtime warmed up in ${report.runs} runs (${seconds} s)`
    : `; runtime warm-up stopped after ${report.runs} runs (${seconds} s) before the runs settled`;
}

function location(request: LoadRequest): ModelLocation {
  const source = resolveModelSource(request.model, request.pageUrl);
  return source.kind === 'hub'
    ? { name: source.id, localModelPath: null }
    : { name: source.name, localModelPath: source.baseUrl };
}

const api: EngineApi = {
  holdLifeLock(name) {
    return new Promise<void>((held) => {
      void navigator.locks.request(name, () => {
        held();
        return new Promise(() => {});
      });
    });
  },

  async load(request, onProgress) {
    const { webgpuBufferCacheMode } = benchLoadOptions(request);
    const key = JSON.stringify([request.model, request.device, request.dtype, webgpuBufferCacheMode]);
    if (model !== null && info !== null && key === loadedKey) return info;
    await model?.dispose();
    model = null;
    info = null;
    windowsBefore += jobs?.windowsRun ?? 0;
    maxHeldBefore = Math.max(maxHeldBefore, jobs?.maxHeldSamples ?? 0);
    jobs = null;
    const modelLocation = location(request);
    const runtime = request.runtime ?? DEFAULT_RUNTIME;
    const threads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency, runtime.singleThread);
    env.backends.onnx.wasm!.numThreads = threads.threads;
    const progress = (event: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (event.status === 'progress' && event.file !== undefined) {
        onProgress({ file: event.file, loadedBytes: event.loaded ?? 0, totalBytes: event.total ?? 0 });
      }
    };
    let choice = await chooseBackend(request.device, (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu);
    if (ortRuntime === null) {
      ortRuntime = ortWasmPathsFor(choice.device);
      env.backends.onnx.wasm!.wasmPaths = ortRuntime;
    } else if (choice.device === 'webgpu' && ortRuntime === ortPlainWasmPaths) {
      choice = { device: 'wasm', reason: 'WASM: this engine worker started ONNX Runtime for WASM only' };
    }
    if (runtime.warmUp && choice.device === 'wasm' && warmUp === null && warmUpFailure === null) {
      // Only memory is at stake: a graph this runtime cannot run leaves the load as it was.
      warmUp = await warmUpRuntime({ InferenceSession, Tensor } as unknown as WarmUpRuntime).catch((error: unknown) => {
        warmUpFailure = errorText(error);
        return null;
      });
    }
    try {
      model = await CtcModel.load(modelLocation, {
        device: choice.device,
        dtype: request.dtype,
        onProgress: progress,
        webgpuBufferCacheMode,
      });
    } catch (error) {
      // A model that cannot work fails the same way on WASM: only a WebGPU problem is worth a second try.
      if (choice.device !== 'webgpu' || request.device === 'webgpu' || modelLoadFailure(error) !== null) throw error;
      choice = { device: 'wasm', reason: `WASM: the model failed on WebGPU (${errorText(error)})` };
      model = await CtcModel.load(modelLocation, { device: 'wasm', dtype: request.dtype, onProgress: progress });
    }
    loadedKey = key;
    jobs = new EngineJobs(model, () => languageModel);
    info = {
      model: describeModelSource(resolveModelSource(request.model, request.pageUrl)),
      backend: choice.device,
      threads: choice.device === 'wasm' ? threads.threads : 1,
      reason: choice.device === 'wasm' ? `${choice.reason}; ${threads.why}${warmUpText(warmUp, warmUpFailure)}` : choice.reason,
      dtype: model.info.dtype,
      attentionMask: model.info.attentionMask,
      warmUp,
    };
    return info;
  },

  async loadLanguageModel(arpa) {
    languageModel = arpa === null ? null : await readArpa(new Blob([arpa]).stream());
    if (jobs !== null) jobs.languageModelSerial++;
    return languageModel === null ? null : { words: languageModel.vocabularySize, ngrams: languageModel.ngramCount, order: languageModel.order };
  },

  async startJob(settings, resume) {
    if (jobs === null) throw new Error('No model is loaded.');
    return jobs.startJob(settings, resume);
  },

  async push(samples) {
    if (jobs === null) throw new Error('No transcription job is running.');
    const update = await jobs.push(samples);
    return Comlink.transfer({ update, spent: samples }, [samples.buffer]);
  },

  async preview() {
    if (jobs === null) throw new Error('No transcription job is running.');
    return jobs.preview();
  },

  async finish() {
    if (jobs === null) throw new Error('No transcription job is running.');
    return jobs.finish();
  },

  async stats() {
    return {
      wasmHeapBytes: runtimeMemory.wasmHeapBytes(),
      wasmHeapShared: runtimeMemory.wasmHeapShared(),
      tensorBytes: model?.heldTensorBytes ?? 0,
      gpuBufferBytes: runtimeMemory.gpuBufferBytes(),
      gpuBufferBytesCreated: runtimeMemory.gpuBufferBytesCreated(),
      windowsRun: windowsBefore + (jobs?.windowsRun ?? 0),
      windowSamples: jobs?.windowSamples ?? 0,
      maxHeldSamples: Math.max(maxHeldBefore, jobs?.maxHeldSamples ?? 0),
      heldSamples: jobs?.heldSamples ?? 0,
      modelWeightBytes: model?.info.weightBytes ?? null,
    };
  },
};

Comlink.expose(api);
