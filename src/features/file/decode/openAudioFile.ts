import {
  ALL_FORMATS,
  BlobSource,
  Input,
  IsobmffInputFormat,
  type InputAudioTrack,
  type InputFormat,
  type InputTrack,
} from 'mediabunny';
import { AudioInputError, type AudioInputErrorDetails } from './audioInputError.ts';
import type { AudioStream } from './audioStream.ts';
import { mendContainer } from './mendContainer.ts';
import { SNIFF_BYTES, sniffFileContent } from './sniffFileContent.ts';
import { openStreamingTrack } from './streamingAudioStream.ts';
import { MAX_WHOLE_FILE_BYTES, openWholeFile } from './wholeFileAudioStream.ts';

export type { AudioStream } from './audioStream.ts';

/**
 * mediabunny keeps what it has read of a file in a cache of 8 MiB by default, which a sequential
 * read fills and never needs again: on an hour of 32 kbit/s Opus it was most of the page's growth
 * (+6 MB) from the first minute to the last. Its reads are padded by 64 KiB on each side, so 1 MiB
 * still serves every neighbouring packet from memory.
 */
const READ_CACHE_BYTES = 2 ** 20;

async function readAudioTrack(
  input: Input,
  fileName: string,
  cutOff: boolean,
): Promise<{ track: InputAudioTrack; format: InputFormat }> {
  let tracks: InputTrack[];
  let format: InputFormat;
  try {
    [tracks, format] = await Promise.all([input.getTracks(), input.getFormat()]);
  } catch (error) {
    // The container was recognised but its headers do not parse, or were cut off.
    throw new AudioInputError(cutOff ? 'truncated' : 'corrupt', fileName, {}, { cause: error });
  }
  if (tracks.length === 0) {
    // MP4 and QuickTime files usually get their index (moov) last, so an interrupted recording or
    // download has none: no tracks at all.
    throw new AudioInputError(format instanceof IsobmffInputFormat ? 'truncated' : 'corrupt', fileName);
  }
  const track = await input.getPrimaryAudioTrack();
  if (!track) throw new AudioInputError('not-audio', fileName, { notAudioReason: 'no-audio-track' });
  return { track, format };
}

/** Falls back to the Web Audio API for a track the browser's AudioDecoder cannot take. */
async function openWholeFileOf(file: File, track: InputAudioTrack): Promise<AudioStream> {
  const codec = track.codec ?? (await track.getInternalCodecId())?.toString();
  const durationSeconds =
    (await track.getDurationFromMetadata().catch(() => null)) ?? (await track.computeDuration().catch(() => null));
  track.input.dispose();
  if (durationSeconds === 0) throw new AudioInputError('empty', file.name);
  return openWholeFile(file, {
    durationSeconds,
    onDecodeFailure: { code: 'unsupported', details: { codec } },
    reason:
      typeof AudioDecoder === 'undefined'
        ? 'this browser has no WebCodecs audio decoder'
        : `this browser cannot decode its audio (${codec ?? 'unknown codec'}) in pieces`,
  });
}

/**
 * Opens a user's audio or video file as a stream of 16 kHz mono samples.
 *
 * Streams (mediabunny reads the file by slices, WebCodecs decodes block by block) whenever the
 * container is readable and the browser's AudioDecoder takes the codec; otherwise decodes the
 * whole file with the Web Audio API, with a warning. Throws AudioInputError for files that cannot
 * be opened at all.
 */
export async function openAudioFile(file: File): Promise<AudioStream> {
  if (file.size === 0) throw new AudioInputError('empty', file.name);

  const demuxable = await mendContainer(file);
  const input = new Input({ source: new BlobSource(demuxable.blob, { maxCacheSize: READ_CACHE_BYTES }), formats: ALL_FORMATS });
  if (await input.canRead()) {
    try {
      const { track, format } = await readAudioTrack(input, file.name, demuxable.cutOff);
      // The stream owns the input from here and disposes of it when read.
      if (await track.canDecode()) return await openStreamingTrack(file, track, format, demuxable.cutOff);
      return await openWholeFileOf(file, track);
    } catch (error) {
      input.dispose();
      throw error;
    }
  }
  input.dispose();

  const content = sniffFileContent(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (content.kind === 'audio-format') {
    // Some browsers decode a few more formats themselves (Safari: AIFF, CAF).
    return openWholeFile(file, {
      durationSeconds: null,
      onDecodeFailure: { code: 'unsupported', details: { codec: content.name } },
      reason: `only the browser itself reads ${content.name}, and only in one go`,
    });
  }
  const notAudio: AudioInputErrorDetails = {
    notAudioReason: content.kind === 'text' || content.kind === 'random-data' ? content.kind : undefined,
  };
  // Not worth decoding whole on the off chance, let alone calling it too large when it is no audio.
  if (content.kind === 'text' || file.size > MAX_WHOLE_FILE_BYTES) throw new AudioInputError('not-audio', file.name, notAudio);
  // Last resort for containers only the browser itself knows.
  return openWholeFile(file, {
    durationSeconds: null,
    onDecodeFailure: { code: 'not-audio', details: notAudio },
    reason: 'its format can only be decoded by the browser in one go',
  });
}
