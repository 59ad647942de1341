import { env } from '@huggingface/transformers';
import * as Comlink from 'comlink';
import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { errorText } from '../../shared/errorText.ts';
import { modelLoadFailure } from '../modelLoadError.ts';
import { planResume } from '../asr/resumePlan.ts';
import { StreamingTranscriber } from '../asr/streamingTranscriber.ts';
import { windowSettings } from '../asr/windowSettings.ts';
import { chooseBackend, wasmThreads } from './chooseBackend.ts';
import { CtcModel, type ModelLocation } from './ctcModel.ts';
import type { EngineApi, EngineInfo, JobSettings, LoadRequest, SavedStream } from '../protocol.ts';
import { describeModelSource, resolveModelSource } from '../../shared/modelSource.ts';
import { ortWasmPaths } from './ortAssets.ts';
import { benchLoadOptions } from './benchHooks.ts';
import { installRuntimeMemoryProbe } from './runtimeMemoryProbe.ts';
import { MODEL_CACHE_NAME } from '../protocol.ts';

env.backends.onnx.wasm!.wasmPaths = ortWasmPaths;
// The service worker precaches ORT's hashed .wasm/.mjs: a second copy in Cache Storage (and a
// 26 MB wasmBinary held in this worker) would be waste.
env.useWasmCache = false;
// Model files are cached here on first use; the storage panel lists and deletes them by this name.
env.cacheKey = MODEL_CACHE_NAME;
const runtimeMemory = installRuntimeMemoryProbe();

let model: CtcModel | null = null;
let loadedKey = '';
let info: EngineInfo | null = null;
let transcriber: StreamingTranscriber | null = null;
let transcriberSettings = '';
let windowSamples = 0;
let windowsOfEarlierTranscribers = 0;
let samplesBeingPushed = 0;
let maxHeldSamples = 0;

function dropTranscriber(): void {
  windowsOfEarlierTranscribers += transcriber?.windowCount ?? 0;
  transcriber = null;
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
    dropTranscriber();
    transcriberSettings = '';
    const modelLocation = location(request);
    const threads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
    env.backends.onnx.wasm!.numThreads = threads.threads;
    const progress = (event: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (event.status === 'progress' && event.file !== undefined) {
        onProgress({ file: event.file, loadedBytes: event.loaded ?? 0, totalBytes: event.total ?? 0 });
      }
    };
    let choice = await chooseBackend(request.device, (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu);
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
    info = {
      model: describeModelSource(resolveModelSource(request.model, request.pageUrl)),
      backend: choice.device,
      threads: choice.device === 'wasm' ? threads.threads : 1,
      reason: choice.device === 'wasm' ? `${choice.reason}; ${threads.why}` : choice.reason,
      dtype: model.info.dtype,
      attentionMask: model.info.attentionMask,
    };
    return info;
  },

  async startJob(settings: JobSettings, resume?: SavedStream) {
    if (model === null) throw new Error('No model is loaded.');
    // The window buffer is reused across jobs with the same settings, so memory stays flat.
    const key = JSON.stringify(settings);
    if (transcriber === null || key !== transcriberSettings) {
      const windows = windowSettings(model.geometry, settings.windowSeconds, settings.strideSeconds);
      dropTranscriber();
      transcriber = new StreamingTranscriber(model, windows);
      transcriberSettings = key;
      windowSamples = windows.windowSamples;
    } else {
      transcriber.reset();
    }
    if (resume === undefined) return null;
    const windows = windowSettings(model.geometry, settings.windowSeconds, settings.strideSeconds);
    const plan = planResume(windows, resume, SAMPLE_RATE);
    transcriber.resumeAt(plan);
    return { startSeconds: plan.startSample / SAMPLE_RATE, keepWordsStartingBefore: (plan.fromFrame * windows.hop) / SAMPLE_RATE };
  },

  async push(samples) {
    if (transcriber === null) throw new Error('No transcription job is running.');
    // Pushes that overlap (a page that does not wait) would pile up here: the counter shows it.
    samplesBeingPushed += samples.length;
    maxHeldSamples = Math.max(maxHeldSamples, windowSamples + samplesBeingPushed);
    try {
      return await transcriber.push(samples);
    } finally {
      samplesBeingPushed -= samples.length;
    }
  },

  async preview() {
    if (transcriber === null) throw new Error('No transcription job is running.');
    return transcriber.preview();
  },

  async finish() {
    if (transcriber === null) throw new Error('No transcription job is running.');
    return transcriber.finish();
  },

  async stats() {
    return {
      wasmHeapBytes: runtimeMemory.wasmHeapBytes(),
      wasmHeapShared: runtimeMemory.wasmHeapShared(),
      tensorBytes: model?.heldTensorBytes ?? 0,
      gpuBufferBytes: runtimeMemory.gpuBufferBytes(),
      gpuBufferBytesCreated: runtimeMemory.gpuBufferBytesCreated(),
      windowsRun: windowsOfEarlierTranscribers + (transcriber?.windowCount ?? 0),
      windowSamples,
      maxHeldSamples,
    };
  },
};

Comlink.expose(api);
