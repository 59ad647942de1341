import {
  AutoConfig,
  AutoFeatureExtractor,
  AutoModelForCTC,
  AutoTokenizer,
  env,
  ModelRegistry,
  Tensor,
  type PretrainedConfig,
  type PreTrainedModel,
  type ProgressCallback,
} from '@huggingface/transformers';
import { ctcVocabulary, type CtcVocabulary } from '../asr/ctcVocabulary.ts';
import type { FrameGeometry } from '../asr/frameGeometry.ts';
import { logSoftmaxRows } from '../asr/logSoftmax.ts';
import { normalizeInPlace } from '../asr/normalizeAudio.ts';
import type { WindowLogProbs, WindowModel } from '../asr/streamingTranscriber.ts';
import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { errorText } from '../../shared/errorText.ts';
import { ModelLoadError } from '../modelLoadError.ts';
import {
  checkModelType,
  checkProbe,
  checkSamplingRate,
  ctcTokensOf,
  geometryOf,
  loadFailure,
  vocabularyFailure,
  type ProbeResult,
} from './modelChecks.ts';

export type ModelDevice = 'wasm' | 'webgpu' | 'cpu';

export interface ModelLocation {
  /** Folder name (local) or Hub id. */
  readonly name: string;
  /** Folder (URL or file path, with trailing slash) holding `name`; null loads from the Hugging Face Hub. */
  readonly localModelPath: string | null;
}

export interface CtcModelOptions {
  readonly device: ModelDevice;
  /** Overrides the dtype chosen for the device (and the checkpoint's own preference). */
  readonly dtype?: string;
  readonly onProgress?: ProgressCallback;
  /** ORT's WebGPU storage-buffer cache (its default is 'bucket'); ignored on other backends. */
  readonly webgpuBufferCacheMode?: 'disabled' | 'lazyRelease' | 'simple' | 'bucket';
}

interface Wav2Vec2Config {
  model_type?: unknown;
  feat_extract_norm?: string;
  conv_kernel?: unknown;
  conv_stride?: unknown;
  vocab_size?: unknown;
  'transformers.js_config'?: { dtype?: string };
}

interface PreprocessorConfig {
  do_normalize?: boolean;
  sampling_rate?: number;
}

export interface CtcModelInfo {
  readonly dtype: string;
  readonly normalizes: boolean;
  readonly attentionMask: 'none' | 'masked' | 'all-ones';
  /** Bytes of the ONNX file(s) the session was made from (graph and weights), or null when their sizes could not be learned. */
  readonly weightBytes: number | null;
}

const HUB = { remoteHost: env.remoteHost, remotePathTemplate: env.remotePathTemplate };

/** fp16/q8 as transformers.js would pick them, unless the checkpoint asks for something else. */
function dtypeFor(device: ModelDevice, config: Wav2Vec2Config, override?: string): string {
  return override ?? config['transformers.js_config']?.dtype ?? (device === 'webgpu' ? 'fp32' : 'q8');
}

/**
 * Reports every file the load is about to read with its size (from the model cache's
 * Content-Length, or a one-byte Range request), so a progress bar's total is right from the start
 * instead of growing file by file. Best effort: a file whose size cannot be learned is left out.
 */
async function announceFiles(
  name: string,
  options: { config: PretrainedConfig; dtype: string; device: ModelDevice },
  onProgress: ProgressCallback | undefined,
): Promise<void> {
  if (onProgress === undefined) return;
  const files = await ModelRegistry.get_files(name, { ...options, dtype: options.dtype as 'fp32' }).catch(() => []);
  await Promise.all(
    files
      .filter((file) => file !== 'config.json') // already read
      .map(async (file) => {
        const metadata = await ModelRegistry.get_file_metadata(name, file).catch(() => null);
        if (metadata?.exists && metadata.size) onProgress({ status: 'progress', name, file, progress: 0, loaded: 0, total: metadata.size });
      }),
  );
}

/**
 * The summed size of the model's graph files, from the model cache's Content-Length or a one-byte
 * Range request: the weights are nearly all of it, and ONNX Runtime keeps them in its heap.
 */
async function graphBytes(name: string, files: readonly string[]): Promise<number | null> {
  if (files.length === 0) return null;
  const sizes = await Promise.all(files.map((file) => ModelRegistry.get_file_metadata(name, file).then((m) => (m.exists ? (m.size ?? null) : 0), () => null)));
  return sizes.some((size) => size === null) ? null : sizes.reduce<number>((sum, size) => sum + size!, 0);
}

/**
 * A Wav2Vec2-style CTC checkpoint run window by window, with its inputs prepared by hand:
 * one reused input buffer normalised in place (no feature extractor, no whole-input int64 mask).
 */
export class CtcModel implements WindowModel {
  private input: Float32Array | null = null;
  private inputTensor: Tensor | null = null;
  private maskTensor: Tensor | null = null;
  /** Log-probabilities of the kept frames, reused window after window. */
  private output = new Float32Array(0);

  private constructor(
    private readonly model: PreTrainedModel,
    readonly geometry: FrameGeometry,
    readonly vocabulary: CtcVocabulary,
    readonly info: CtcModelInfo,
  ) {}

  /**
   * Loads and checks a model. Whatever cannot work fails here, before any audio, as a
   * ModelLoadError naming the model and the cause: a missing or damaged file, a folder that is
   * not a model, a model that is not 16 kHz CTC, or files that disagree with the graph (one probe
   * window is run to compare its frames and vocabulary with the config and tokenizer).
   */
  static async load(location: ModelLocation, options: CtcModelOptions): Promise<CtcModel> {
    const folder = location.localModelPath;
    // transformers.js 4.3 cannot probe a local model's files over HTTP (get_file_metadata skips
    // URL paths, so AutoTokenizer finds no tokenizer): a folder served by URL loads as a "remote"
    // model from its own host instead.
    const servedFolder = folder !== null && /^https?:\/\//.test(folder);
    env.allowRemoteModels = folder === null || servedFolder;
    env.allowLocalModels = folder !== null && !servedFolder;
    env.remoteHost = servedFolder ? folder : HUB.remoteHost;
    env.remotePathTemplate = servedFolder ? '{model}/' : HUB.remotePathTemplate;
    if (folder !== null && !servedFolder) env.localModelPath = folder;
    const name = location.name;
    const host = folder === null || servedFolder ? new URL(env.remoteHost).host : null;
    const reading = <T>(file: string, load: Promise<T>): Promise<T> =>
      load.catch((error: unknown) => {
        throw loadFailure(name, file, error, host);
      });
    const progress_callback = options.onProgress;

    const pretrainedConfig = await reading('config.json', AutoConfig.from_pretrained(name, { progress_callback }));
    const config = pretrainedConfig as unknown as Wav2Vec2Config;
    checkModelType(name, config, AutoModelForCTC.MODEL_CLASS_MAPPINGS.flatMap((mapping) => [...mapping.keys()]));
    const geometry = geometryOf(name, config);
    const dtype = dtypeFor(options.device, config, options.dtype);
    await announceFiles(name, { config: pretrainedConfig, dtype, device: options.device }, progress_callback);
    // Only the extractor's config is used: calling it would build a whole-input int64 mask.
    const extractor = await reading('preprocessor_config.json', AutoFeatureExtractor.from_pretrained(name, { progress_callback }));
    const preprocessor = (extractor as unknown as { config: PreprocessorConfig }).config;
    checkSamplingRate(name, preprocessor, SAMPLE_RATE);

    const graphFiles = await ModelRegistry.get_files(name, {
      config: pretrainedConfig,
      dtype: dtype as 'fp32',
      device: options.device,
      include_tokenizer: false,
      include_processor: false,
    }).then(
      (files) => files.filter((file) => file.endsWith('.onnx') || /\.onnx_data(_\d+)?$/.test(file)),
      () => [],
    );
    const weightsFile = graphFiles.find((file) => file.endsWith('.onnx')) ?? 'onnx/model.onnx';
    // Settled one by one: a model that loaded beside a failed tokenizer must still be disposed.
    const [tokenizer, model] = await Promise.allSettled([
      reading('tokenizer.json', AutoTokenizer.from_pretrained(name, { progress_callback })),
      reading(
        weightsFile,
        AutoModelForCTC.from_pretrained(name, {
          device: options.device,
          dtype: dtype as 'fp32',
          progress_callback,
          ...(options.device === 'webgpu' && options.webgpuBufferCacheMode !== undefined
            ? { session_options: { executionProviders: [{ name: 'webgpu', storageBufferCacheMode: options.webgpuBufferCacheMode }] } }
            : {}),
        }),
      ),
    ]);
    if (tokenizer.status === 'rejected' || model.status === 'rejected') {
      if (model.status === 'fulfilled') await model.value.dispose();
      throw tokenizer.status === 'rejected' ? tokenizer.reason : (model as PromiseRejectedResult).reason;
    }
    let vocabulary: CtcVocabulary;
    try {
      vocabulary = ctcVocabulary(tokenizer.value.get_vocab(), ctcTokensOf(tokenizer.value.config));
    } catch (error) {
      await model.value.dispose();
      throw vocabularyFailure(name, error);
    }
    const inputNames = (model.value.sessions.model as unknown as { inputNames: string[] }).inputNames;
    const declaresMask = inputNames.includes('attention_mask');
    const attentionMask = !declaresMask ? 'none' : config.feat_extract_norm === 'layer' ? 'masked' : 'all-ones';
    const loaded = new CtcModel(model.value, geometry, vocabulary, {
      dtype,
      normalizes: preprocessor.do_normalize !== false,
      attentionMask,
      weightBytes: await graphBytes(name, graphFiles),
    });
    try {
      checkProbe(name, await loaded.probe(name), { geometry, tokens: vocabulary.tokens.length, configVocabSize: config.vocab_size }, SAMPLE_RATE);
    } catch (error) {
      await loaded.dispose();
      throw error;
    }
    return loaded;
  }

  /**
   * A quarter second of silence through the model (a dozen frames at wav2vec2's hop: enough to
   * tell one conv layout from another, cheap next to a window); its inputs are released again.
   */
  private async probe(name: string): Promise<ProbeResult> {
    const samples = new Float32Array(SAMPLE_RATE / 4);
    try {
      const { windowFrames, vocabSize } = await this.logProbs(samples, samples.length, 0, 0);
      return { samples: samples.length, windowFrames, vocabSize };
    } catch (error) {
      throw new ModelLoadError('UnsupportedModelError', `The model "${name}" could not run a quarter second of audio: ${errorText(error)}`, {
        cause: error,
      });
    } finally {
      this.input = null;
      this.inputTensor = null;
      this.maskTensor = null;
    }
  }

  /** Bytes of the input tensors kept between windows (outputs are disposed within each run). */
  get heldTensorBytes(): number {
    return (this.input?.byteLength ?? 0) + ((this.maskTensor?.data as BigInt64Array | undefined)?.buffer.byteLength ?? 0);
  }

  /**
   * On WebGPU every new input shape costs compiling and allocating again (onnxruntime#18754), so
   * there windows keep one size; on WASM a shorter last window simply costs less.
   */
  get fixedShape(): boolean {
    return (this.model.sessions.model as unknown as { config?: { device?: string } }).config?.device === 'webgpu';
  }

  async logProbs(window: Float32Array, validSamples: number, fromFrame: number, toFrame: number): Promise<WindowLogProbs> {
    const feeds = this.prepareInputs(window, validSamples);
    const { logits } = (await this.model(feeds)) as { logits: Tensor };
    try {
      const [, windowFrames, vocabSize] = logits.dims;
      const data = (logits.location === 'gpu-buffer'
        ? await logits.ort_tensor.getData(true)
        : logits.data) as Float32Array;
      const to = Math.min(toFrame, windowFrames);
      const frames = Math.max(0, to - fromFrame);
      if (this.output.length < frames * vocabSize) this.output = new Float32Array(windowFrames * vocabSize);
      logSoftmaxRows(data, vocabSize, fromFrame, fromFrame + frames, this.output);
      return { data: this.output, frames, vocabSize, windowFrames };
    } finally {
      logits.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
    this.input = null;
    this.inputTensor = null;
    this.maskTensor = null;
  }

  /**
   * The input buffers have the largest window's size: a stream's last window, when shorter, runs
   * in a view of them (no new buffer a job), and a larger window replaces them.
   */
  private prepareInputs(window: Float32Array, validSamples: number): Record<string, Tensor> {
    const length = window.length;
    if (this.input === null || this.input.length < length) {
      this.input = new Float32Array(length);
      this.inputTensor = null;
      this.maskTensor = null;
    }
    const input = this.input.subarray(0, length);
    if (this.inputTensor?.dims[1] !== length) this.inputTensor = new Tensor('float32', input, [1, length]);
    input.set(window.subarray(0, validSamples));
    if (this.info.normalizes) normalizeInPlace(input, validSamples);
    else input.fill(0, validSamples);
    const feeds: Record<string, Tensor> = { input_values: this.inputTensor };
    if (this.info.attentionMask !== 'none') {
      if (this.maskTensor?.dims[1] !== length) {
        const buffer = (this.maskTensor?.data as BigInt64Array | undefined)?.buffer ?? new ArrayBuffer(this.input.length * 8);
        this.maskTensor = new Tensor('int64', new BigInt64Array(buffer, 0, length), [1, length]);
      }
      const mask = this.maskTensor.data as BigInt64Array;
      const masked = this.info.attentionMask === 'masked' ? validSamples : length;
      mask.fill(1n, 0, masked);
      mask.fill(0n, masked);
      feeds.attention_mask = this.maskTensor;
    }
    return feeds;
  }
}
