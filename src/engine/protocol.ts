import type { TimedText, TranscribedWord, TranscriptUpdate } from '../shared/transcript.ts';

/**
 * The page ⇄ engine worker contract (Comlink): every type and constant both sides rely on.
 * Everything here is structured-cloneable. Audio crosses as SAMPLE_RATE mono float32
 * (src/shared/audioFormat.ts); words as TranscribedWord (src/shared/transcript.ts).
 */

export type { TranscribedWord, TranscriptUpdate };

/** The Cache Storage cache the worker keeps model files in (transformers.js's env.cacheKey); the page lists and deletes them. */
export const MODEL_CACHE_NAME = 'transformers-cache';

export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

export interface LoadRequest {
  /** Hub id or URL as the user typed it. */
  readonly model: string;
  /** Resolves relative model URLs. */
  readonly pageUrl: string;
  readonly device: DevicePreference;
  /** Overrides the dtype chosen for the backend. */
  readonly dtype?: string;
  /** How the engine worker starts ONNX Runtime (its first load only); the default when absent. */
  readonly runtime?: RuntimeChoice;
}

/** How ONNX Runtime is started on WASM: a memory budget's choice (features/model/memoryBudget.ts). */
export interface RuntimeChoice {
  /**
   * Run a miniature model first, so the browser's optimizing compile of the runtime is over before
   * the weights are in memory (engine/worker/warmUpRuntime.ts).
   */
  readonly warmUp: boolean;
  /** One thread: no thread worker, and every window's allocations in the same order. */
  readonly singleThread: boolean;
}

export const DEFAULT_RUNTIME: RuntimeChoice = { warmUp: false, singleThread: false };

/** How the runtime's warm-up went (warmUpRuntime.ts). */
export interface RuntimeWarmUp {
  readonly runs: number;
  readonly milliseconds: number;
  /** False when it stopped at its time limit before the runs settled. */
  readonly settled: boolean;
}

export interface LoadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface EngineInfo {
  /** The model as resolved (Hub id or absolute URL). */
  readonly model: string;
  readonly backend: 'webgpu' | 'wasm';
  /** WASM threads (1 on WebGPU, where ORT keeps a single thread for the CPU fallback ops). */
  readonly threads: number;
  /** Why this backend and thread count, e.g. "WebGPU: no adapter". */
  readonly reason: string;
  readonly dtype: string;
  readonly attentionMask: 'none' | 'masked' | 'all-ones';
  /** The warm-up this worker ran before its first model, or null when it ran none. */
  readonly warmUp: RuntimeWarmUp | null;
}

/** A job's window and stride when the user sets none (seconds). */
export const DEFAULT_WINDOW_SECONDS = 20;
export const DEFAULT_STRIDE_SECONDS = 1;

/**
 * Window lengths accepted, in seconds. Under a second the model sees too little context to
 * recognise words; ten minutes is one window for a whole ten-minute file (a one-pass reference),
 * though a real checkpoint runs out of memory long before that, and says so.
 */
export const WINDOW_SECONDS_RANGE = { min: 1, max: 600 } as const;

/**
 * Stride lengths accepted, in seconds of context dropped on each side of a window. 0 drops none
 * (windows then meet with no context at their edges); past 30 s each window re-runs that much
 * audio on both sides for no gain. The stride must also leave a step: less than half the window.
 */
export const STRIDE_SECONDS_RANGE = { min: 0, max: 30 } as const;

/** The name a WindowSettingsError keeps when it crosses from the worker to the page. */
export const WINDOW_SETTINGS_ERROR = 'WindowSettingsError';

/**
 * How a job turns the model's per-frame probabilities into words: greedy (fast) or a CTC prefix
 * beam search (accurate), with the loaded language model and the user's hotwords.
 */
export type DecoderChoice =
  | { readonly kind: 'greedy' }
  | {
      readonly kind: 'beam';
      readonly beamWidth: number;
      /** Weights of the loaded language model, or null to search without one. */
      readonly languageModel: { readonly alpha: number; readonly beta: number } | null;
      /** Names and terms that get a boost; empty for none. */
      readonly hotwords: readonly string[];
      readonly hotwordWeight: number;
    };

/** The beam width jobs ask for: measured on espeak-ctc, 64 beams gained little over 16 at four times the cost. */
export const DEFAULT_BEAM_WIDTH_FOR_JOBS = 16;

/** What the worker says of a language model it has read. */
export interface LanguageModelInfo {
  readonly words: number;
  readonly ngrams: number;
  readonly order: number;
}

export interface JobSettings {
  readonly windowSeconds: number;
  readonly strideSeconds: number;
  /** Greedy when absent. */
  readonly decoder?: DecoderChoice;
}

/** What the engine worker knows about its own memory and work; cheap to ask for. */
export interface EngineStats {
  /** Bytes of ONNX Runtime's WebAssembly heap, or null before the runtime has started. */
  readonly wasmHeapBytes: number | null;
  /**
   * True when that heap is a shared WebAssembly.Memory: measureUserAgentSpecificMemory() counts a
   * shared heap (in the worker that made it) but not a private one.
   */
  readonly wasmHeapShared: boolean;
  /** Bytes of the tensors the engine keeps alive between windows (its reused inputs). */
  readonly tensorBytes: number;
  /** Bytes of live WebGPU buffers, or null when WebGPU is not in use. */
  readonly gpuBufferBytes: number | null;
  /** Bytes of WebGPU buffers ever created (what a buffer cache avoids), or null without WebGPU. */
  readonly gpuBufferBytesCreated: number | null;
  /** Model runs since the worker started. */
  readonly windowsRun: number;
  /** Samples in one window of the current job's settings (0 before the first job). */
  readonly windowSamples: number;
  /** Test counter: the most samples of audio the worker ever held at once (its window plus chunks being pushed). */
  readonly maxHeldSamples: number;
  /** Samples of audio the worker holds now: its window buffer plus the chunks being pushed (absent: not reported, as by the bench's baseline worker). */
  readonly heldSamples?: number;
  /** Bytes of the loaded model's ONNX file(s), which ONNX Runtime keeps in its heap; null before a load or when unknown. */
  readonly modelWeightBytes?: number | null;
}

/** What a push answers. */
export interface PushResult {
  readonly update: TranscriptUpdate;
  /**
   * The pushed samples, transferred back once copied into the window, for the page to fill again:
   * a buffer dropped in the worker would wait for its collector, which runs rarely there.
   */
  readonly spent: Float32Array;
}

/** What was saved of the interrupted stream, in seconds from its start. */
export interface SavedStream {
  /** Audio whose frames were decoded and committed. */
  readonly committedSeconds: number;
  /** Start of the word being spelled at the committed edge, or null when none was. */
  readonly pendingStartSeconds: number | null;
  /** The committed words nearest the edge (the last few are enough: a window back at most). */
  readonly lastWords: readonly TimedText[];
}

/** Where a resumed job's audio must start again, and which saved words stand. */
export interface ResumeStart {
  /** Feed the audio again from here (the start of a window of the unbroken run). */
  readonly startSeconds: number;
  /** Saved words that start before this are kept; the rest come again from the engine. */
  readonly keepWordsStartingBefore: number;
}

export interface EngineApi {
  /**
   * Takes the Web Lock `name` and holds it until the worker ends; resolves once it is held. The
   * page then waits for the lock, which the browser frees the moment the worker ends, however.
   */
  holdLifeLock(name: string): Promise<void>;
  load(request: LoadRequest, onProgress: (progress: LoadProgress) => void): Promise<EngineInfo>;
  /**
   * Starts a new stream, discarding any unfinished one (this is how a job is cancelled). With
   * `resume`, continues an interrupted one so that its words come out as in one unbroken run.
   */
  startJob(settings: JobSettings, resume?: SavedStream): Promise<ResumeStart | null>;
  /** 16 kHz mono samples, in order; transfer the buffer. It comes back with the update. */
  push(samples: Float32Array): Promise<PushResult>;
  /** Reads an ARPA language model (text, or gzipped; transfer the buffer) for beam search, replacing any other; null unloads it. */
  loadLanguageModel(arpa: ArrayBuffer | null): Promise<LanguageModelInfo | null>;
  /** Tentative words past the committed edge (live captions); commits nothing. */
  preview(): Promise<TranscribedWord[]>;
  finish(): Promise<TranscriptUpdate>;
  stats(): Promise<EngineStats>;
}
