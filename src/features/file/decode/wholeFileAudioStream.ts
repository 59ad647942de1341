import { AudioInputError, type AudioInputErrorDetails } from './audioInputError.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../../../shared/audioFormat.ts';
import type { AudioStream } from './audioStream.ts';
import { ChunkPool } from '../../../shared/audio/chunkPool.ts';
import { mixToMono } from '../../../shared/audio/mixToMono.ts';

/**
 * Largest file decoded whole. The fallback holds the encoded bytes and the decoded PCM (16 kHz,
 * every channel, 4 bytes a sample) at once; 512 MiB of WAV is about an hour and a half at
 * 44.1 kHz stereo, which decodes to ~0.7 GB: together a bit over 1 GB, still within what a
 * browser tab gets on an ordinary laptop. Beyond that the tab is likely to be killed.
 */
export const MAX_WHOLE_FILE_BYTES = 512 * 2 ** 20;

/**
 * Longest audio decoded whole, when its length is known beforehand. Compressed formats are small
 * for their length (2 hours of 128 kbit/s MP3 is 115 MB), so the byte limit alone would let
 * through files whose PCM cannot fit: 2 hours of stereo at 16 kHz is already 0.9 GB.
 */
export const MAX_WHOLE_FILE_SECONDS = 2 * 3600;

export interface WholeFileOptions {
  /** Length from the container, when a demuxer could read it. */
  durationSeconds: number | null;
  /** What to report when the browser cannot decode the file. */
  onDecodeFailure: { code: 'unsupported' | 'not-audio'; details: AudioInputErrorDetails };
  /** Why the file cannot be streamed, for the warning. */
  reason: string;
}

export function describeWholeFileWarning(fileName: string, reason: string): string {
  return (
    `"${fileName}" is decoded in one piece because ${reason}, so memory use grows with its length ` +
    `(about 64 kB per second of audio and channel). For long recordings, use a current Chrome, Edge or Firefox, ` +
    `or convert the file to Opus, MP3 or M4A.`
  );
}

/** Kept apart from openWholeFile so that no closure there keeps the AudioBuffer's other channels alive. */
async function decodeToMono(file: File, onFailure: WholeFileOptions['onDecodeFailure']): Promise<Float32Array> {
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: SAMPLE_RATE });
  let decoded: AudioBuffer;
  try {
    decoded = await context.decodeAudioData(await file.arrayBuffer());
  } catch (error) {
    throw new AudioInputError(onFailure.code, file.name, onFailure.details, { cause: error });
  }
  if (decoded.length === 0) throw new AudioInputError('empty', file.name);
  const channels: Float32Array[] = [];
  for (let c = 0; c < decoded.numberOfChannels; c++) channels.push(decoded.getChannelData(c));
  // Channel 0 becomes the mono mix in place; the other channels go with the AudioBuffer.
  return mixToMono(channels, decoded.length, channels[0]);
}

/**
 * Decodes the whole file with the Web Audio API (resampled to 16 kHz by the browser), mixes it
 * to mono in place and serves it in chunks. Needs the page: OfflineAudioContext is not available
 * in workers.
 */
export async function openWholeFile(file: File, options: WholeFileOptions): Promise<AudioStream> {
  if (file.size > MAX_WHOLE_FILE_BYTES) {
    throw new AudioInputError('too-large', file.name, { limitBytes: MAX_WHOLE_FILE_BYTES });
  }
  if (options.durationSeconds !== null && options.durationSeconds > MAX_WHOLE_FILE_SECONDS) {
    throw new AudioInputError('too-large', file.name, { limitSeconds: MAX_WHOLE_FILE_SECONDS });
  }

  let mono: Float32Array | null = await decodeToMono(file, options.onDecodeFailure);
  const durationSeconds = mono.length / SAMPLE_RATE;

  async function* chunks(signal?: AbortSignal, fromSeconds = 0, pool = new ChunkPool(CHUNK_SAMPLES, 0)): AsyncGenerator<Float32Array, void, undefined> {
    if (!mono) throw new Error(`The audio of "${file.name}" was already read`);
    const samples = mono;
    mono = null;
    for (let offset = Math.round(fromSeconds * SAMPLE_RATE); offset < samples.length; offset += CHUNK_SAMPLES) {
      signal?.throwIfAborted();
      const piece = samples.subarray(offset, offset + CHUNK_SAMPLES);
      const chunk = pool.take().subarray(0, piece.length);
      chunk.set(piece);
      yield chunk;
    }
  }

  return {
    durationSeconds,
    mode: 'whole-file',
    warning: describeWholeFileWarning(file.name, options.reason),
    chunks,
  };
}
