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

const set = useRecorderStore.setState;

/** Replaces the kept recording, releasing the previous one's object URL. */
function replaceSaved(saved: SavedRecording | null): void {
  const previous = useRecorderStore.getState().saved;
  if (previous !== null && previous !== saved) URL.revokeObjectURL(previous.url);
  set({ saved });
}

export const recorderActions = {
  setKeepRecording(keepRecording: boolean): void {
    set({ keepRecording });
  },
  starting(): void {
    set({ phase: 'starting', problem: null });
  },
  recording(savedNote: string | null): void {
    replaceSaved(null);
    set({ phase: 'recording', seconds: 0, level: 0, savedNote });
  },
  meter(level: number, seconds: number): void {
    set({ level, seconds });
  },
  stopping(): void {
    set({ phase: 'stopping' });
  },
  stopped(seconds: number, saved: SavedRecording | null, savedNote?: string): void {
    replaceSaved(saved);
    set(savedNote === undefined ? { seconds } : { seconds, savedNote });
  },
  idle(): void {
    set({ phase: 'idle', level: 0 });
  },
  problem(problem: string): void {
    set({ problem });
  },
  forgetRecording(): void {
    replaceSaved(null);
    set({ savedNote: null });
  },
};
