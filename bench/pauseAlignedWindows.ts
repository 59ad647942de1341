// Windows that start and end in pauses, for the accuracy harness only (the app's windows are
// fixed): each window keeps the frames from one pause to the last pause that fits, with optional
// context beyond them, and is normalised on its own like the app's.
import type { CtcDecoderFactory } from '../src/engine/asr/decoders/ctcDecoder.ts';
import { framesForSamples } from '../src/engine/asr/frameGeometry.ts';
import type { WindowModel } from '../src/engine/asr/streamingTranscriber.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../src/shared/transcript.ts';

export interface PauseAlignedOptions {
  readonly maxWindowSeconds: number;
  /** Audio on each side of the kept frames, as the stride is for fixed windows. */
  readonly contextSeconds: number;
}

/** A pause is this long at least, so the gaps between words inside a sentence do not count. */
const MIN_PAUSE_SECONDS = 0.25;
/** Quiet: a frame's RMS below this share of the window's loud frames (its 95th percentile). */
const QUIET_SHARE = 0.01;

function frameLoudness(samples: Float32Array, hop: number): Float32Array {
  const loudness = new Float32Array(Math.floor(samples.length / hop));
  for (let f = 0; f < loudness.length; f++) {
    let sum = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) sum += samples[i] * samples[i];
    loudness[f] = Math.sqrt(sum / hop);
  }
  return loudness;
}

/** Middle frame of the latest pause that ends after `from` and starts before `to`, clipped to [from, to); or null. */
function latestPauseMiddle(loudness: Float32Array, minFrames: number, from: number, to: number, windowFrom: number, windowTo: number): number | null {
  const loud = Array.from(loudness.subarray(windowFrom, windowTo)).sort((a, b) => a - b)[Math.floor(0.95 * (windowTo - windowFrom - 1))];
  const quiet = (f: number) => loudness[f] < QUIET_SHARE * loud;
  let end = Math.min(to, windowTo);
  while (end > from) {
    while (end > from && !quiet(end - 1)) end--;
    let start = end;
    while (start > windowFrom && quiet(start - 1)) start--;
    if (end - start >= minFrames) return Math.max(from, Math.min(to - 1, Math.floor((start + end) / 2)));
    end = start;
  }
  return null;
}

/** The words of the whole recording decoded window by window, each window cut in a pause. */
export async function pauseAlignedWords(
  model: WindowModel,
  samples: Float32Array,
  options: PauseAlignedOptions,
  decoderFactory: CtcDecoderFactory,
): Promise<{ words: TranscribedWord[]; cuts: number[] }> {
  const { geometry } = model;
  const hop = geometry.hop;
  const maxSamples = Math.round((options.maxWindowSeconds * SAMPLE_RATE) / hop) * hop;
  const context = Math.round((options.contextSeconds * SAMPLE_RATE) / hop) * hop;
  const totalFrames = framesForSamples(geometry, samples.length);
  const loudness = frameLoudness(samples, hop);
  const minPauseFrames = Math.round((MIN_PAUSE_SECONDS * SAMPLE_RATE) / hop);
  const decoder = decoderFactory(model.vocabulary, hop / SAMPLE_RATE);
  // Zero-padded to the longest, as the app's fixed tensor shapes would have it.
  const window = new Float32Array(maxSamples);
  const words: TranscribedWord[] = [];
  const cuts: number[] = [];
  let keepFrom = 0;
  while (keepFrom < totalFrames) {
    const windowStart = Math.max(0, keepFrom * hop - context);
    const firstFrame = windowStart / hop;
    let keepTo = totalFrames;
    let validSamples = samples.length - windowStart;
    if (windowStart + maxSamples < samples.length) {
      // The last frame that fits with its context and the encoder's receptive field after it.
      const latest = firstFrame + framesForSamples(geometry, maxSamples - context);
      const earliest = keepFrom + Math.ceil((latest - keepFrom) / 2);
      keepTo = latestPauseMiddle(loudness, minPauseFrames, earliest, latest, firstFrame, firstFrame + maxSamples / hop) ?? latest;
      validSamples = Math.min(maxSamples, keepTo * hop - windowStart + context);
      while (framesForSamples(geometry, validSamples) < keepTo - firstFrame) validSamples += hop;
      cuts.push((keepTo * hop) / SAMPLE_RATE);
    }
    window.set(samples.subarray(windowStart, windowStart + validSamples));
    window.fill(0, validSamples);
    const frames = await model.logProbs(window, validSamples, keepFrom - firstFrame, keepTo - firstFrame);
    words.push(...decoder.push(frames, keepFrom));
    keepFrom = keepTo;
  }
  words.push(...decoder.flush());
  return { words, cuts };
}
