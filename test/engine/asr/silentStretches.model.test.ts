import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planResume } from '../../../src/engine/asr/resumePlan.ts';
import { StreamingTranscriber } from '../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings, type WindowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { SAMPLE_RATE } from '../../../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { seededRandom } from '../../support/seededRandom.ts';
import { MODELS_DIR, readWav16kMono, sentenceManifest, TONES } from '../../support/sharedFixtures.ts';
import { onePass, text } from '../../support/toneModel.ts';

const HOP = 320;
// Gaps between the sentence clips, in seconds: every one long enough to hold a window's end with
// the minimum behind it, wherever it falls. The negative ones are room noise at -60 dBFS peak.
const GAPS = [30, 21, -45, 25, 60, -22, 33, 20.5, 41, 24, 30, -27, 38];

let model: CtcModel;
let samples: Float32Array;
let expected: TranscribedWord[];
let expectedText: string;

function gap(seconds: number, seed: number): Float32Array {
  const out = new Float32Array(Math.round((Math.abs(seconds) * SAMPLE_RATE) / HOP) * HOP);
  if (seconds < 0) {
    const random = seededRandom(seed);
    for (let i = 0; i < out.length; i++) out[i] = 0.001 * (2 * random() - 1);
  }
  return out;
}

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
  // The clips, each padded to whole frames so that it keeps its frame grid in the long file,
  // with long silences between them; every word is expected where its clip alone puts it.
  const parts: Float32Array[] = [];
  expected = [];
  const texts: string[] = [];
  let at = 0;
  for (const [i, { file, text: clipText }] of sentenceManifest().entries()) {
    const clip = readWav16kMono(path.join(TONES, 'sentences', file));
    const padded = new Float32Array(Math.ceil(clip.length / HOP) * HOP);
    padded.set(clip);
    const offset = at / SAMPLE_RATE;
    expected.push(...(await onePass(model, padded)).map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })));
    texts.push(clipText);
    parts.push(padded);
    at += padded.length;
    if (i < GAPS.length) {
      parts.push(gap(GAPS[i], i));
      at += parts.at(-1)!.length;
    }
  }
  samples = new Float32Array(at);
  parts.reduce((offset, part) => (samples.set(part, offset), offset + part.length), 0);
  expectedText = texts.join(' ');
});

async function stream(transcriber: StreamingTranscriber, from: number, to: number, piece: number): Promise<TranscribedWord[]> {
  const words: TranscribedWord[] = [];
  for (let at = from; at < to; at += piece) words.push(...(await transcriber.push(samples.subarray(at, Math.min(to, at + piece)))).words);
  return words;
}

const timed = (words: TranscribedWord[]) => words.map(({ text: t, start, end }) => ({ text: t, start: +start.toFixed(6), end: +end.toFixed(6) }));

describe('tone-ctc over sentences with long silences between them', () => {
  it.each([
    [20, 2, 7_777],
    [8, 1, 16_000],
    [13.7, 2.5, 64_000],
  ])('a %s s window, %s s stride: the text and every word time exact, and far fewer windows', async (win, stride, piece) => {
    const settings = windowSettings(model.geometry, win, stride);
    const transcriber = new StreamingTranscriber(model, settings);
    const words = [...(await stream(transcriber, 0, samples.length, piece)), ...(await transcriber.finish()).words];
    expect(text(words)).toBe(expectedText);
    expect(timed(words)).toEqual(timed(expected));
    // Each window is normalised over its own audio, the silence it holds included, so a word's
    // probabilities move a little from those of its clip alone; its frames do not.
    words.forEach((word, i) => expect(Math.abs(word.confidence - expected[i].confidence), word.text).toBeLessThan(0.05));

    // Audio that never falls silent takes a window per step after the first window's edge.
    const seconds = samples.length / SAMPLE_RATE;
    const withoutSkipping = Math.ceil((seconds - (win - stride)) / (win - 2 * stride)) + 1;
    const silent = GAPS.reduce((sum, g) => sum + Math.abs(g), 0);
    expect(silent / seconds).toBeGreaterThan(0.8);
    expect(transcriber.windowCount).toBeLessThan(0.5 * withoutSkipping);
    expect(transcriber.skippedSeconds).toBeGreaterThan(0.5 * silent);
  });

  async function interruptAndResume(settings: WindowSettings, cutSample: number, reference: TranscribedWord[]): Promise<void> {
    const first = new StreamingTranscriber(model, settings);
    const saved: TranscribedWord[] = [];
    let committedSeconds = 0;
    for (let at = 0; at < cutSample; at += 16_000) {
      const update = await first.push(samples.subarray(at, Math.min(cutSample, at + 16_000)));
      saved.push(...update.words);
      committedSeconds = update.committedSeconds;
    }
    const plan = planResume(settings, { committedSeconds, pendingStartSeconds: saved.at(-1)?.end ?? 0, lastWords: saved.slice(-50) }, SAMPLE_RATE);
    const kept = saved.filter((w) => w.start < (plan.fromFrame * settings.hop) / SAMPLE_RATE);
    const second = new StreamingTranscriber(model, settings);
    second.resumeAt(plan);
    const resumed = [...(await stream(second, plan.startSample, samples.length, 16_000)), ...(await second.finish()).words];
    // Confidences too: a frame decoded from another window than the unbroken run's would show.
    expect([...kept, ...resumed], `cut at ${(cutSample / SAMPLE_RATE).toFixed(1)} s`).toEqual(reference);
  }

  it('resumes across skipped stretches as one unbroken run, wherever the stream was cut', async () => {
    const settings = windowSettings(model.geometry, 20, 2);
    const unbroken = new StreamingTranscriber(model, settings);
    const reference = [...(await stream(unbroken, 0, samples.length, 16_000)), ...(await unbroken.finish()).words];
    for (let cut = 23 * SAMPLE_RATE; cut < samples.length; cut += 37 * SAMPLE_RATE) await interruptAndResume(settings, cut, reference);
  });
});
