import type { ChunkPool } from '../../../shared/audio/chunkPool.ts';

export interface AudioStream {
  /** Duration from the container, when known before decoding (for progress/ETA). */
  durationSeconds: number | null;
  /** 'streaming' = demuxed+decoded in segments (WebCodecs); 'whole-file' = decodeAudioData fallback. */
  mode: 'streaming' | 'whole-file';
  /** Set when memory will scale with the file (whole-file fallback), human readable. */
  warning: string | null;
  /**
   * 16 kHz mono samples, in order, in chunks of CHUNK_SAMPLES (the last may be shorter). Each
   * yielded array is owned by the consumer (it may be transferred to a worker). Pull-based:
   * nothing is decoded far ahead of what the consumer has taken. Honours the signal (rejects with
   * its reason, stops decoding, releases decoders). Meant to be iterated once.
   *
   * With `fromSeconds`, the stream starts that far in (a resumed job), sample for sample where
   * the whole stream would have it, without decoding what comes before.
   *
   * Chunks are taken from `pool` when one is given (the consumer gives them back once used, and
   * a last or first chunk may be a view of a whole chunk's buffer); otherwise each is new.
   *
   * Throws AudioInputError 'truncated' or 'corrupt' only after yielding everything it could
   * decode, and 'empty' when the file held no samples at all.
   */
  chunks(signal?: AbortSignal, fromSeconds?: number, pool?: ChunkPool): AsyncIterable<Float32Array>;
}

/**
 * Resolves like `promise`, or rejects with the signal's reason as soon as it aborts. `onAbandoned`
 * receives the value if it arrives after the abort, so it can be released.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbandoned: (value: T) => void,
): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      promise.then(onAbandoned, () => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
