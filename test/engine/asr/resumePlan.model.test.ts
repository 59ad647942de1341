import { beforeAll, describe, expect, it } from 'vitest';
import { planResume } from '../../../src/engine/asr/resumePlan.ts';
import { StreamingTranscriber } from '../../../src/engine/asr/streamingTranscriber.ts';
import { windowSettings, type WindowSettings } from '../../../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { SAMPLE_RATE } from '../../../src/shared/audioFormat.ts';
import type { TranscribedWord, TranscriptUpdate } from '../../../src/shared/transcript.ts';
import { longToneSamples, MODELS_DIR } from '../../support/sharedFixtures.ts';

let model: CtcModel;
let samples: Float32Array;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
  samples = await longToneSamples();
});

const PIECE = 64_000;

/** Streams samples [from, to) in pieces; returns the words and the last update. */
async function stream(transcriber: StreamingTranscriber, from: number, to: number): Promise<{ words: TranscribedWord[]; last: TranscriptUpdate | null }> {
  const words: TranscribedWord[] = [];
  let last: TranscriptUpdate | null = null;
  for (let at = from; at < to; at += PIECE) {
    last = await transcriber.push(samples.subarray(at, Math.min(to, at + PIECE)));
    words.push(...last.words);
  }
  return { words, last };
}

async function unbroken(settings: WindowSettings): Promise<TranscribedWord[]> {
  const transcriber = new StreamingTranscriber(model, settings);
  const { words } = await stream(transcriber, 0, samples.length);
  return [...words, ...(await transcriber.finish()).words];
}

describe('resuming an interrupted stream', () => {
  it.each([
    [20, 2, 0.4],
    [20, 2, 0.73],
    [8, 0.5, 0.1],
    [13.7, 2.5, 0.55],
  ])('a %s s window, %s s stride, cut at %s of the file: saved words + resumed words = one unbroken run', async (win, stride, cut) => {
    const settings = windowSettings(model.geometry, win, stride);
    const reference = await unbroken(settings);

    // The first run, until the page goes away: what it committed is what the library saved.
    const first = new StreamingTranscriber(model, settings);
    const cutSample = Math.round(cut * samples.length);
    const { words: saved, last } = await stream(first, 0, cutSample);
    const plan = planResume(
      settings,
      { committedSeconds: last!.committedSeconds, pendingStartSeconds: last!.pending?.start ?? null, lastWords: saved.slice(-50) },
      SAMPLE_RATE,
    );
    expect(plan.startSample).toBeGreaterThan(0);
    expect(plan.startSample).toBeLessThan(cutSample);
    const kept = saved.filter((w) => w.start < (plan.fromFrame * settings.hop) / SAMPLE_RATE);

    // The resumed run reads the audio again from the plan's window only.
    const second = new StreamingTranscriber(model, settings);
    second.resumeAt(plan);
    const { words: resumed } = await stream(second, plan.startSample, samples.length);
    const all = [...kept, ...resumed, ...(await second.finish()).words];
    expect(all).toEqual(reference);
  });
});
