import type { TranscriptJob } from './jobStore.ts';

/** Yielded by a source that has no audio ready: the runner may ask the engine for a preview of the tail. */
export const PREVIEW = Symbol('preview');

/** What a source knows about its audio before the first chunk. */
export interface OpenedAudio {
  /** From the container, when known before decoding (for progress and time left). */
  readonly durationSeconds: number | null;
  /** Shown with the job, e.g. that memory will grow with the file. */
  readonly warning: string | null;
}

/**
 * A producer of one job's audio: a dropped file or the microphone. It knows nothing of the engine
 * or the store; runJob drives it.
 */
export interface JobSource {
  readonly kind: TranscriptJob['kind'];
  /** The file's name or the recording's title, used in every message about the job. */
  readonly name: string;
  /** The dropped file, or null for a recording. */
  readonly file: File | null;
  /** The status line while the job runs; `percent` is null when the length is unknown. */
  runningMessage(percent: number | null): string;
  /** Gets the audio ready; throws an error whose message speaks to the user. */
  open(signal: AbortSignal): Promise<OpenedAudio>;
  /**
   * The audio as SAMPLE_RATE mono chunks in order, each owned by the caller (it is transferred
   * to the engine), or PREVIEW while it waits for audio. Ends when the audio does. A resumed job
   * asks for the audio from `fromSeconds` on (a source that cannot seek never gets resumed).
   */
  feed(signal: AbortSignal, fromSeconds?: number): AsyncIterable<Float32Array | typeof PREVIEW>;
  /** Takes back a fed chunk the engine has finished with, to fill again rather than allocate. */
  recycle(chunk: Float32Array): void;
  /** Releases the source (a microphone, a stored recording); says what the user should know, or null. */
  close(): Promise<string | null>;
}
