import {
  AudioSampleSink,
  MatroskaInputFormat,
  Mp3InputFormat,
  OggInputFormat,
  type AudioSample,
  type InputAudioTrack,
  type InputFormat,
} from 'mediabunny';
import { AudioInputError } from './audioInputError.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../../../shared/audioFormat.ts';
import { untilAborted, type AudioStream } from './audioStream.ts';
import { ChunkAssembler } from '../../../shared/audio/chunkAssembler.ts';
import type { ChunkPool } from '../../../shared/audio/chunkPool.ts';
import { mixToMono } from '../../../shared/audio/mixToMono.ts';
import { id3v2TagSize, parseMp3GaplessInfo } from './mp3GaplessInfo.ts';
import { StreamingResampler } from '../../../shared/audio/streamingResampler.ts';
import { TrackTimeline } from './trackTimeline.ts';

/**
 * A stream that ends this much short of the length its container declares is reported as
 * truncated. Declared lengths are exact for every format used here (Xing frame count, STREAMINFO,
 * mvhd, Duration); the slack covers codec padding and millisecond rounding.
 */
const TRUNCATION_TOLERANCE_SECONDS = 0.5;

/** Where the track's audio lies on its decoder's clock, and how long the container says it is. */
interface TrackPlan {
  /** Decoder time that is output time 0 (after encoder priming). */
  startSeconds: number;
  /** Decoder time where the audio ends (before end padding), when known. */
  endSeconds: number | null;
  /** The end comes from a header that may count only the first of several streams joined end to end. */
  endMayUndercount: boolean;
  /** Length the container declares, for spotting a file that ends early. */
  declaredSeconds: number | null;
  /** The container shows that the file was cut off, whatever decodes before the cut. */
  cutOff: boolean;
}

async function readBytes(file: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
}

/**
 * MP3 has no timestamps: mediabunny starts the first frame at 0 and leaves the encoder's priming
 * and padding in, so they are read from the LAME header here (as FFmpeg does).
 */
async function planMp3(file: Blob, track: InputAudioTrack): Promise<Omit<TrackPlan, 'cutOff'>> {
  const tagSize = id3v2TagSize(await readBytes(file, 0, 10));
  const info = parseMp3GaplessInfo(await readBytes(file, tagSize, 512));
  if (!info || info.sampleRate !== track.sampleRate) {
    // No usable header: play it as it is; the length is an estimate from the bitrate.
    return { startSeconds: 0, endSeconds: null, endMayUndercount: false, declaredSeconds: null };
  }
  // MP3 is a bare sequence of frames, so files joined end to end (`cat a.mp3 b.mp3`) are one
  // stream that carries the first one's header: its end may come before the audio does.
  if (info.leadingSamples === null || info.validSamples === null) {
    const seconds = (info.frameCount * info.samplesPerFrame) / info.sampleRate;
    return { startSeconds: 0, endSeconds: seconds, endMayUndercount: true, declaredSeconds: seconds };
  }
  const startSeconds = info.leadingSamples / info.sampleRate;
  const validSeconds = info.validSamples / info.sampleRate;
  return { startSeconds, endSeconds: startSeconds + validSeconds, endMayUndercount: true, declaredSeconds: validSeconds };
}

/**
 * Other containers carry timestamps that mediabunny maps to presentation time (edit lists, Opus
 * pre-skip, granule positions): priming sits before 0 and padding after the last packet's end.
 * A stream that starts later (MPEG-TS clocks start anywhere) is moved to start at 0.
 */
async function planTrack(file: Blob, track: InputAudioTrack, format: InputFormat, cutOff: boolean): Promise<TrackPlan> {
  if (track.codec === 'mp3' && format instanceof Mp3InputFormat) return { ...(await planMp3(file, track)), cutOff };
  // A file cut short can break the look at its end: then decode what is there.
  const [firstSeconds, endSeconds, declaredSeconds] = await Promise.all([
    track.getFirstTimestamp(),
    track.computeDuration().catch(() => null),
    track.getDurationFromMetadata().catch(() => null),
  ]);
  const startSeconds = Math.max(0, firstSeconds);
  return {
    startSeconds,
    endSeconds,
    endMayUndercount: false,
    declaredSeconds: declaredSeconds === null ? null : declaredSeconds - startSeconds,
    cutOff,
  };
}

/** Copies `keep` frames from `skip` on, mixed to mono, into `mono` (grown as needed). */
class MonoExtractor {
  private planes: Float32Array[] = [];
  private mono = new Float32Array(0);

  extract(sample: AudioSample, skip: number, keep: number): Float32Array {
    const channels = sample.numberOfChannels;
    if (this.mono.length < keep) {
      this.mono = new Float32Array(keep);
      this.planes = [];
    }
    const mono = this.mono.subarray(0, keep);
    const planes: Float32Array[] = [mono];
    for (let c = 1; c < channels; c++) {
      this.planes[c] ??= new Float32Array(this.mono.length);
      planes.push(this.planes[c].subarray(0, keep));
    }
    for (let c = 0; c < channels; c++) {
      sample.copyTo(planes[c], { planeIndex: c, format: 'f32-planar', frameOffset: skip, frameCount: keep });
    }
    return mixToMono(planes, keep, mono);
  }
}

/** Resamples to 16 kHz and cuts into chunks, following the decoder if its rate changes mid-stream. */
class ChunkedResampling {
  private resampler: StreamingResampler | null = null;
  private readonly assembler: ChunkAssembler;
  outputSamples = 0;

  constructor(pool: ChunkPool | undefined) {
    this.assembler = new ChunkAssembler(CHUNK_SAMPLES, pool);
  }

  /** Switches to `rate`, returning the chunks the previous rate's tail completes. */
  useInputRate(rate: number): Float32Array[] {
    if (this.resampler?.inputRate === rate) return [];
    const tail = this.drain();
    this.resampler = new StreamingResampler(rate, SAMPLE_RATE);
    return tail;
  }

  push(input: Float32Array): Float32Array[] {
    return this.take(this.resampler?.process(input));
  }

  /** Ends the stream: the remaining chunks, the last one possibly short. */
  finish(): Float32Array[] {
    const chunks = this.drain();
    const last = this.assembler.finish();
    return last ? [...chunks, last] : chunks;
  }

  private drain(): Float32Array[] {
    return this.take(this.resampler?.flush());
  }

  private take(output: Float32Array | undefined): Float32Array[] {
    if (!output) return [];
    this.outputSamples += output.length;
    return this.assembler.push(output);
  }
}

/**
 * Where decoding starts for a stream read from `fromSeconds` on: a little earlier, so the decoder
 * (Opus pre-roll) and the resampler's filter have settled by then, and on a 10 ms grid, where
 * every common rate (a multiple of 100 Hz) puts a whole input sample on a whole output sample:
 * the output then lines up sample for sample with a stream read from the start.
 */
function seekStart(fromSeconds: number): number {
  return fromSeconds <= SEEK_SETTLE_SECONDS ? 0 : Math.floor((fromSeconds - SEEK_SETTLE_SECONDS) * 100) / 100;
}

const SEEK_SETTLE_SECONDS = 1;

/** Drops the first `samples` of a chunk stream (what was decoded only to settle a seek). */
function* dropFirst(chunks: Iterable<Float32Array>, state: { toDrop: number }): Generator<Float32Array> {
  for (const chunk of chunks) {
    if (state.toDrop >= chunk.length) {
      state.toDrop -= chunk.length;
      continue;
    }
    const rest = state.toDrop === 0 ? chunk : chunk.subarray(state.toDrop);
    state.toDrop = 0;
    yield rest;
  }
}

async function* decodeTrack(
  track: InputAudioTrack,
  plan: TrackPlan,
  fileName: string,
  signal: AbortSignal | undefined,
  fromSeconds: number,
  exactSeek: boolean,
  pool: ChunkPool | undefined,
): AsyncGenerator<Float32Array, void, undefined> {
  if (track.input.disposed) throw new Error(`The audio of "${fileName}" was already read`);
  signal?.throwIfAborted();
  // A resumed job seeks the demuxer and decoder, rather than decoding from the start.
  const seek = exactSeek ? seekStart(fromSeconds) : 0;
  const samples = new AudioSampleSink(track).samples(seek > 0 ? plan.startSeconds + seek : undefined);
  const timeline = new TrackTimeline(plan.startSeconds + seek, plan.endSeconds, plan.endMayUndercount);
  const settling = { toDrop: Math.round((fromSeconds - seek) * SAMPLE_RATE) };
  const extractor = new MonoExtractor();
  const resampling = new ChunkedResampling(pool);
  let decodeError: unknown = null;

  try {
    for (;;) {
      let next: IteratorResult<AudioSample, void>;
      try {
        next = await untilAborted(samples.next(), signal, (result) => result.value?.close());
      } catch (error) {
        if (signal?.aborted) throw error;
        decodeError = error;
        break;
      }
      if (next.done) break;

      const sample = next.value;
      let silence: number;
      let audio: Float32Array | null = null;
      let pending: Float32Array[];
      try {
        pending = resampling.useInputRate(sample.sampleRate);
        const placement = timeline.place(sample.timestamp, sample.numberOfFrames, sample.sampleRate);
        silence = placement.silenceBefore;
        if (placement.keep > 0) audio = extractor.extract(sample, placement.skip, placement.keep);
      } finally {
        sample.close();
      }
      yield* dropFirst(pending, settling);

      // A gap in the stream becomes silence, fed a second at a time to keep memory flat.
      while (silence > 0) {
        signal?.throwIfAborted();
        const piece = Math.min(silence, sample.sampleRate);
        silence -= piece;
        yield* dropFirst(resampling.push(new Float32Array(piece)), settling);
      }
      if (audio) yield* dropFirst(resampling.push(audio), settling);
      if (timeline.reachedEnd) break;
    }

    yield* dropFirst(resampling.finish(), settling);

    if (plan.cutOff) throw new AudioInputError('truncated', fileName, {}, { cause: decodeError });
    if (decodeError !== null) throw new AudioInputError('corrupt', fileName, {}, { cause: decodeError });
    if (resampling.outputSamples === 0) throw new AudioInputError('empty', fileName);
    const decodedSeconds = seek + resampling.outputSamples / SAMPLE_RATE;
    if (plan.declaredSeconds !== null && decodedSeconds < plan.declaredSeconds - TRUNCATION_TOLERANCE_SECONDS) {
      throw new AudioInputError('truncated', fileName);
    }
  } finally {
    // Stops mediabunny's decode pump, which closes the AudioDecoder and any queued samples, then
    // lets go of the file.
    await samples.return();
    track.input.dispose();
  }
}

/**
 * Whether a seek lands sample for sample where reading from the start would. After a seek in Ogg
 * or WebM, mediabunny's sample timestamps are off by the codec's delay (Opus pre-skip, Vorbis
 * block overlap: up to a few milliseconds), so there a resumed stream decodes from the start and
 * drops what comes before its resume point: decoding only, the model runs on none of it.
 */
function seeksExactly(format: InputFormat): boolean {
  return !(format instanceof OggInputFormat || format instanceof MatroskaInputFormat);
}

/**
 * An AudioStream that demuxes `track` with mediabunny and decodes it with WebCodecs, block by block.
 * `cutOff`: the container already showed that the file ends early.
 */
export async function openStreamingTrack(file: File, track: InputAudioTrack, format: InputFormat, cutOff: boolean): Promise<AudioStream> {
  const plan = await planTrack(file, track, format, cutOff).catch((error: unknown) => {
    throw new AudioInputError('corrupt', file.name, {}, { cause: error });
  });
  const durationSeconds = plan.endSeconds !== null ? plan.endSeconds - plan.startSeconds : plan.declaredSeconds;
  if (durationSeconds === 0) throw new AudioInputError('empty', file.name);
  return {
    durationSeconds: durationSeconds ?? (await track.getDurationFromMetadata()),
    mode: 'streaming',
    warning: null,
    chunks: (signal, fromSeconds = 0, pool) => decodeTrack(track, plan, file.name, signal, fromSeconds, seeksExactly(format), pool),
  };
}
