// Accuracy of a CTC model on long speech, shared by the chunking parity test and the accuracy
// harnesses: the one-pass-per-sentence reference, a chunked run, error rates and word alignment.
import { diffArrays } from 'diff';
import ort from 'onnxruntime-node';
import type { CtcDecoderFactory } from '../../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { framesForSamples } from '../../src/engine/asr/frameGeometry.ts';
import { StreamingTranscriber, type WindowModel } from '../../src/engine/asr/streamingTranscriber.ts';
import type { WindowSettings } from '../../src/engine/asr/windowSettings.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import type { TimedSentence } from './speechFixtures.ts';

/** Audio either side of a sentence in the one-pass reference. */
const SENTENCE_MARGIN_SECONDS = 0.25;
const PIECE_SAMPLES = SAMPLE_RATE;

/** ONNX Runtime on one thread, so the two shared cores are not both taken. */
export function singleThreadedOrt(): void {
  const create = ort.InferenceSession.create.bind(ort.InferenceSession) as (...args: unknown[]) => Promise<ort.InferenceSession>;
  (ort.InferenceSession as unknown as { create: (...args: unknown[]) => Promise<ort.InferenceSession> }).create = (model, options) =>
    create(model, { ...(options as object), intraOpNumThreads: 1, interOpNumThreads: 1 });
}

/**
 * The recording delayed by `samples` of silence, with its sentences' times moved to match: the
 * same speech on another phase of the frame grid, to tell what chunking changes from what any
 * change of the input changes.
 */
export function delayed(recording: Float32Array, sentences: readonly TimedSentence[], samples: number): { samples: Float32Array; sentences: TimedSentence[] } {
  const copy = new Float32Array(recording.length + samples);
  copy.set(recording, samples);
  const seconds = samples / SAMPLE_RATE;
  return { samples: copy, sentences: sentences.map((s) => ({ ...s, start: s.start + seconds, end: s.end + seconds })) };
}

/** The sample span of a sentence with its margin, starting on the frame grid so its times are global. */
function sentenceSpan(sentence: TimedSentence, hop: number, totalSamples: number): { from: number; to: number } {
  const from = Math.max(0, Math.floor(((sentence.start - SENTENCE_MARGIN_SECONDS) * SAMPLE_RATE) / hop) * hop);
  const to = Math.min(totalSamples, Math.round((sentence.end + SENTENCE_MARGIN_SECONDS) * SAMPLE_RATE));
  return { from, to };
}

/**
 * The reference: each sentence run alone through the model in one window (so normalised on its
 * own), with a quarter second of margin, and decoded greedily; the words of all sentences, in order.
 */
export async function perSentenceWords(model: WindowModel, samples: Float32Array, sentences: readonly TimedSentence[]): Promise<TranscribedWord[]> {
  const words: TranscribedWord[] = [];
  for (const sentence of sentences) {
    const { from, to } = sentenceSpan(sentence, model.geometry.hop, samples.length);
    const window = samples.slice(from, to);
    const frames = await model.logProbs(window, window.length, 0, framesForSamples(model.geometry, window.length));
    const sentenceDecoder = greedyCtcDecoder(model.vocabulary, model.geometry.hop / SAMPLE_RATE);
    words.push(...sentenceDecoder.push(frames, from / model.geometry.hop), ...sentenceDecoder.flush());
  }
  return words;
}

/** The whole recording through StreamingTranscriber, fed a second at a time as a job would. */
export async function chunkedWords(
  model: WindowModel,
  samples: Float32Array,
  settings: WindowSettings,
  decoder: CtcDecoderFactory = greedyCtcDecoder,
): Promise<TranscribedWord[]> {
  const transcriber = new StreamingTranscriber(model, settings, decoder);
  const words: TranscribedWord[] = [];
  for (let at = 0; at < samples.length; at += PIECE_SAMPLES) words.push(...(await transcriber.push(samples.subarray(at, at + PIECE_SAMPLES))).words);
  words.push(...(await transcriber.finish()).words);
  return words;
}

export const textOf = (words: readonly TranscribedWord[]): string => words.map((w) => w.text).join(' ');

/** Levenshtein distance between two sequences, compared by `===` (two typed rows: the long transcripts make this the harness's hot loop). */
function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const item = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j - 1] + (item === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

export interface ErrorRates {
  readonly wordErrors: number;
  readonly words: number;
  readonly charErrors: number;
  readonly chars: number;
  readonly wer: number;
  readonly cer: number;
}

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/** Word errors (substitutions, deletions, insertions) of a hypothesis against a reference text, and the reference's words. */
export function wordErrors(reference: string, hypothesis: string): { errors: number; words: number } {
  const refWords = wordsOf(reference);
  return { errors: editDistance(refWords, wordsOf(hypothesis)), words: refWords.length };
}

/** Word and character error rates of a hypothesis over a whole recording's reference text. */
export function errorRates(reference: string, hypothesis: string): ErrorRates {
  const { errors, words } = wordErrors(reference, hypothesis);
  const refChars = [...wordsOf(reference).join(' ')];
  const charErrors = editDistance(refChars, [...wordsOf(hypothesis).join(' ')]);
  return { wordErrors: errors, words, charErrors, chars: refChars.length, wer: errors / words, cer: charErrors / refChars.length };
}

/**
 * For each hypothesis word, whether the word alignment (the longest common subsequence of the
 * two word sequences) matches it to a reference word: false for substitutions and insertions.
 */
export function matchedWords(reference: string, words: readonly TranscribedWord[]): boolean[] {
  const matched: boolean[] = [];
  for (const change of diffArrays(wordsOf(reference), words.map((w) => w.text))) {
    if (change.removed) continue;
    for (let i = 0; i < change.count; i++) matched.push(!change.added);
  }
  return matched;
}

/** The words of `a` and of `b` that the alignment of the two transcripts does not match. */
export function differingWords(a: readonly TranscribedWord[], b: readonly TranscribedWord[]): { onlyA: TranscribedWord[]; onlyB: TranscribedWord[] } {
  const onlyA: TranscribedWord[] = [];
  const onlyB: TranscribedWord[] = [];
  let i = 0;
  let j = 0;
  for (const change of diffArrays(a.map((w) => w.text), b.map((w) => w.text))) {
    if (change.removed) onlyA.push(...a.slice(i, (i += change.count)));
    else if (change.added) onlyB.push(...b.slice(j, (j += change.count)));
    else {
      i += change.count;
      j += change.count;
    }
  }
  return { onlyA, onlyB };
}
