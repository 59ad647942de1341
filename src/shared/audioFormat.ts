/** The one audio format that crosses from the page to the engine: what Wav2Vec2-style models take. */

/** Samples per second of every stream the engine receives (mono, float32). */
export const SAMPLE_RATE = 16_000;

/**
 * Samples per chunk the page hands the engine (4 s); only a stream's last chunk is shorter. Every
 * chunk is one round trip to the engine worker, so chunks much shorter than this made hour-long
 * files slower (bench/RESULTS.md), while cancelling waits for at most one chunk.
 */
export const CHUNK_SAMPLES = 4 * SAMPLE_RATE;

export const secondsOf = (samples: number): number => samples / SAMPLE_RATE;
