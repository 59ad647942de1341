import { create } from 'zustand';

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'stopping';

/** The kept recording, readable from the origin-private file system. */
export interface SavedRecording {
  /** Object URL of the file (backed by storage, not memory). */
  readonly url: string;
  readonly fileName: string;
  readonly seconds: number;
  readonly bytes: number;
}

export interface RecorderState {
  readonly phase: RecorderPhase;
  /** Seconds of audio captured in the current or last session. */
  readonly seconds: number;
  /** Level meter position, 0..1. */
  readonly level: number;
  /** Whether to store the audio so that it can be saved afterwards. */
  readonly keepRecording: boolean;
  /** Why recording could not start or had to stop, for the user; null when all is well. */
  readonly problem: string | null;
  readonly saved: SavedRecording | null;
  /** What happened to the audio when it could not be kept. */
  readonly savedNote: string | null;
}

export const useRecorderStore = create<RecorderState>(() => ({
  phase: 'idle',
  seconds: 0,
  level: 0,
  keepRecording: true,
  problem: null,
  saved: null,
  savedNote: null,
}));
