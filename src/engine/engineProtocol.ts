import type { TranscriptUpdate } from '../asr/streamingTranscriber.ts';
import type { TranscribedWord } from '../asr/transcriptTypes.ts';

/** The page ⇄ engine worker contract (Comlink). Everything here is structured-cloneable. */

export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

export interface LoadRequest {
  /** Hub id or URL as the user typed it. */
  readonly model: string;
  /** Resolves relative model URLs. */
  readonly pageUrl: string;
  readonly device: DevicePreference;
  /** Overrides the dtype chosen for the backend. */
  readonly dtype?: string;
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
}

export interface JobSettings {
  readonly windowSeconds: number;
  readonly strideSeconds: number;
}

export interface EngineApi {
  load(request: LoadRequest, onProgress: (progress: LoadProgress) => void): Promise<EngineInfo>;
  /** Starts a new stream, discarding any unfinished one (this is how a job is cancelled). */
  startJob(settings: JobSettings): Promise<void>;
  /** 16 kHz mono samples, in order; transfer the buffer. */
  push(samples: Float32Array): Promise<TranscriptUpdate>;
  /** Tentative words past the committed edge (live captions); commits nothing. */
  preview(): Promise<TranscribedWord[]>;
  finish(): Promise<TranscriptUpdate>;
}
