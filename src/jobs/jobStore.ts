import { create } from 'zustand';
import type { JobProgress } from './jobProgress.ts';
import type { TranscribedWord } from '../shared/transcript.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../engine/asr/windowSettings.ts';
import type { DevicePreference, EngineInfo } from '../engine/protocol.ts';

/** The automation contract's `data-state` values. */
export type StatusState = 'idle' | 'loading-model' | 'transcribing' | 'done' | 'error' | 'cancelled';

export interface ModelLoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

export interface QueuedFile {
  readonly id: number;
  readonly file: File;
}

export interface TranscriptJob {
  readonly id: number;
  readonly source: string;
  readonly words: readonly TranscribedWord[];
  readonly pending: TranscribedWord | null;
  readonly durationSeconds: number | null;
  readonly progress: JobProgress | null;
  readonly warning: string | null;
  readonly outcome: 'running' | 'done' | 'cancelled' | 'error';
}

export interface Settings {
  readonly model: string;
  readonly device: DevicePreference;
  readonly dtype: string | undefined;
  readonly windowSeconds: number;
  readonly strideSeconds: number;
}

export interface AppState {
  readonly status: { readonly state: StatusState; readonly message: string };
  readonly engine: EngineInfo | null;
  readonly modelProgress: ModelLoadProgress | null;
  readonly settings: Settings;
  readonly queue: readonly QueuedFile[];
  /** The job shown in the transcript: running, or the last one. */
  readonly job: TranscriptJob | null;
  readonly history: readonly TranscriptJob[];
  /** Optional reference text: the word error rate is shown against it. */
  readonly reference: string;
}

export const DEFAULT_SETTINGS: Omit<Settings, 'model'> = {
  device: 'auto',
  dtype: undefined,
  windowSeconds: DEFAULT_WINDOW_SECONDS,
  strideSeconds: DEFAULT_STRIDE_SECONDS,
};

export const useAppStore = create<AppState>(() => ({
  status: { state: 'idle', message: 'Starting…' },
  engine: null,
  modelProgress: null,
  settings: { model: '', ...DEFAULT_SETTINGS },
  queue: [],
  job: null,
  history: [],
  reference: '',
}));

export function setStatus(state: StatusState, message: string): void {
  useAppStore.setState({ status: { state, message } });
}

export function updateJob(patch: Partial<TranscriptJob>): void {
  useAppStore.setState((s) => (s.job === null ? {} : { job: { ...s.job, ...patch } }));
}
