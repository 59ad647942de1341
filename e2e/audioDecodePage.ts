// Runs in the page of e2e/audio-decode.e2e.ts (served by the Vite dev server, which also serves
// ../shared through /@fs/): decodes files with src/features/file/decode and reports what came out.
import { AudioInputError } from '../src/features/file/decode/audioInputError.ts';
import { openAudioFile, type AudioStream } from '../src/features/file/decode/openAudioFile.ts';
import { bestLag, peakAbs, readToneSymbols, toneSymbolsOf, type ToneCode } from '../test/support/audioSignalChecks.ts';

const RATE = 16_000;

export interface ErrorReport {
  code: string;
  message: string;
}

export interface DecodeReport {
  mode: AudioStream['mode'];
  durationSeconds: number | null;
  warning: string | null;
  decodedSeconds: number;
  /** Lengths of all chunks but the last, deduplicated. */
  chunkSizes: number[];
  /** What chunks() threw after its last chunk, if anything. */
  error: ErrorReport | null;
  /** Symbols read from the tone slots, when a text to compare was given. */
  symbols?: string;
  expectedSymbols?: string;
  /** Shift against the reference decode (16 kHz samples), and their correlation. */
  lag?: { lag: number; correlation: number };
  /** Loudest sample in the first 0.15 s: silence in the source, so garbage if not near zero. */
  leadPeak?: number;
  /** Loudest sample overall. */
  peak: number;
}

function toErrorReport(error: unknown): ErrorReport {
  if (error instanceof AudioInputError) return { code: error.code, message: error.message };
  throw error;
}

async function fetchBytes(absolutePath: string): Promise<Blob> {
  const response = await fetch(`/@fs${absolutePath}`);
  if (!response.ok) throw new Error(`GET ${absolutePath}: ${response.status}`);
  return response.blob();
}

export async function fetchFile(absolutePath: string): Promise<File> {
  return new File([await fetchBytes(absolutePath)], absolutePath.split('/').pop() ?? absolutePath);
}

async function fetchJson<T>(absolutePath: string): Promise<T> {
  return JSON.parse(await (await fetchBytes(absolutePath)).text()) as T;
}

async function readAll(stream: AudioStream): Promise<{ samples: Float32Array; sizes: number[]; error: ErrorReport | null }> {
  const chunks: Float32Array[] = [];
  let error: ErrorReport | null = null;
  try {
    for await (const chunk of stream.chunks()) chunks.push(chunk);
  } catch (thrown) {
    error = toErrorReport(thrown);
  }
  const samples = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  return { samples, sizes: [...new Set(chunks.slice(0, -1).map((c) => c.length))], error };
}

export interface DecodeOptions {
  /** Open and decode as in a browser without WebCodecs' AudioDecoder. */
  withoutWebCodecs?: boolean;
  /** Tone-encoded text the file holds, and tones.json's path. */
  tones?: { text: string; codePath: string };
  /** A 16 kHz mono WAV of the same content to line the decode up against. */
  referencePath?: string;
}

export async function decodeReport(absolutePath: string, options: DecodeOptions = {}): Promise<DecodeReport> {
  const file = await fetchFile(absolutePath);
  const webCodecsDecoder = globalThis.AudioDecoder;
  if (options.withoutWebCodecs) Reflect.deleteProperty(globalThis, 'AudioDecoder');
  let stream: AudioStream;
  let decoded: Awaited<ReturnType<typeof readAll>>;
  try {
    stream = await openAudioFile(file);
    decoded = await readAll(stream);
  } finally {
    globalThis.AudioDecoder = webCodecsDecoder;
  }
  const { samples, sizes, error } = decoded;
  const report: DecodeReport = {
    mode: stream.mode,
    durationSeconds: stream.durationSeconds,
    warning: stream.warning,
    decodedSeconds: samples.length / RATE,
    chunkSizes: sizes,
    error,
    peak: peakAbs(samples, 0, samples.length),
  };
  if (options.tones) {
    const code = await fetchJson<ToneCode>(options.tones.codePath);
    report.expectedSymbols = toneSymbolsOf(options.tones.text);
    report.symbols = readToneSymbols(samples, RATE, code, report.expectedSymbols.length);
    report.leadPeak = peakAbs(samples, 0, 0.15 * RATE);
  }
  if (options.referencePath) {
    const reference = await readAll(await openAudioFile(await fetchFile(options.referencePath)));
    // Five seconds from the first tone on, shifts up to ±2.5 ms.
    report.lag = bestLag(samples, reference.samples, 0.2 * RATE, 5 * RATE, 40);
  }
  return report;
}

/** What openAudioFile, then chunks(), throw for a file; null if it decodes cleanly. */
export async function openingError(absolutePath: string): Promise<ErrorReport | null> {
  try {
    return (await readAll(await openAudioFile(await fetchFile(absolutePath)))).error;
  } catch (error) {
    return toErrorReport(error);
  }
}

/**
 * Audio frames that WebCodecs decoders have output in this page so far. Counted by putting a
 * subclass in place of the global AudioDecoder, which mediabunny instantiates.
 */
let decodedFrames = 0;
globalThis.AudioDecoder = class CountingAudioDecoder extends AudioDecoder {
  constructor(init: AudioDecoderInit) {
    super({
      ...init,
      output: (data) => {
        decodedFrames += data.numberOfFrames;
        init.output(data);
      },
    });
  }
};

function chosenFile(selector: string): File {
  const file = document.querySelector<HTMLInputElement>(selector)?.files?.[0];
  if (!file) throw new Error(`no file chosen in ${selector}`);
  return file;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IDLE_MILLISECONDS = 1000;
/** Opus always decodes at 48 kHz. */
const DECODER_RATE = 48_000;

/** Page memory after a full GC (the browser runs with --js-flags=--expose-gc and cross-origin isolation). */
async function pageMemoryBytes(): Promise<number> {
  const page = globalThis as unknown as {
    gc(): void;
    performance: { measureUserAgentSpecificMemory(): Promise<{ bytes: number }> };
  };
  page.gc();
  return (await page.performance.measureUserAgentSpecificMemory()).bytes;
}

export interface LongFileReport {
  mode: AudioStream['mode'];
  durationSeconds: number | null;
  decodedSeconds: number;
  /** Seconds of audio the decoder had output after the first chunk was taken and the consumer then idled. */
  secondsDecodedWhileIdle: number;
  /** [audio seconds decoded, page memory in bytes] after a GC, every minute of audio. */
  memory: [number, number][];
  decodeMilliseconds: number;
}

/** Streams the (Opus) file chosen in `selector` to the end, watching the decoder and memory. */
export async function streamLongFile(selector: string): Promise<LongFileReport> {
  const started = performance.now();
  const stream = await openAudioFile(chosenFile(selector));
  const iterator = stream.chunks()[Symbol.asyncIterator]();
  decodedFrames = 0;
  let decoded = 0;
  const first = await iterator.next();
  if (first.done) throw new Error('no audio');
  decoded += first.value.length;
  await pause(IDLE_MILLISECONDS);
  const secondsDecodedWhileIdle = decodedFrames / DECODER_RATE;

  const memory: [number, number][] = [];
  let nextSample = 60 * RATE;
  for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
    decoded += result.value.length;
    if (decoded >= nextSample) {
      memory.push([Math.round(decoded / RATE), await pageMemoryBytes()]);
      nextSample += 60 * RATE;
    }
  }
  return {
    mode: stream.mode,
    durationSeconds: stream.durationSeconds,
    decodedSeconds: decoded / RATE,
    secondsDecodedWhileIdle,
    memory,
    decodeMilliseconds: performance.now() - started - IDLE_MILLISECONDS,
  };
}

export interface AbortReport {
  chunksBeforeAbort: number;
  /** The name of what the first next() after abort() rejected with. */
  rejection: string;
  /** Seconds of audio the decoder had output when the abort was seen, and a second later. */
  secondsDecodedAtAbort: number;
  secondsDecodedLater: number;
}

/** Takes three chunks of the (Opus) file chosen in `selector`, aborts, and watches decoding stop. */
export async function abortLongFile(selector: string): Promise<AbortReport> {
  const stream = await openAudioFile(chosenFile(selector));
  const controller = new AbortController();
  const iterator = stream.chunks(controller.signal)[Symbol.asyncIterator]();
  decodedFrames = 0;
  let chunksBeforeAbort = 0;
  while (chunksBeforeAbort < 3 && !(await iterator.next()).done) chunksBeforeAbort++;
  controller.abort();
  const rejection = await iterator.next().then(
    () => 'nothing',
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );
  const secondsDecodedAtAbort = decodedFrames / DECODER_RATE;
  await pause(IDLE_MILLISECONDS);
  return { chunksBeforeAbort, rejection, secondsDecodedAtAbort, secondsDecodedLater: decodedFrames / DECODER_RATE };
}

export interface SeekReport {
  readonly fullSamples: number;
  readonly seekedSamples: number;
  /** Where the seeked stream should start in the full one, in samples. */
  readonly offset: number;
  /** The largest difference between the seeked stream and the same part of the full one. */
  readonly maxDifference: number;
  /** How far the seeked stream lies from where it should, in samples (0 when aligned). */
  readonly lag: number;
}

/** Decodes a file from the start and again from `fromSeconds`, and compares the overlap. */
export async function seekReport(absolutePath: string, fromSeconds: number): Promise<SeekReport> {
  const full = await readAll(await openAudioFile(await fetchFile(absolutePath)));
  const stream = await openAudioFile(await fetchFile(absolutePath));
  const chunks: Float32Array[] = [];
  for await (const chunk of stream.chunks(undefined, fromSeconds)) chunks.push(chunk);
  const offset = Math.round(fromSeconds * 16_000);
  let seekedSamples = 0;
  let maxDifference = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const j = offset + seekedSamples + i;
      if (j < full.samples.length) maxDifference = Math.max(maxDifference, Math.abs(chunk[i] - full.samples[j]));
    }
    seekedSamples += chunk.length;
  }
  const seeked = new Float32Array(seekedSamples);
  chunks.reduce((at, chunk) => (seeked.set(chunk, at), at + chunk.length), 0);
  const { lag } = bestLag(seeked, full.samples.subarray(offset), 0, 16_000, 2_000);
  return { fullSamples: full.samples.length, seekedSamples, offset, maxDifference, lag };
}
