import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EngineJobs } from '../../src/engine/worker/engineJobs.ts';
import { CtcModel } from '../../src/engine/worker/ctcModel.ts';
import { onJobEvent } from '../../src/jobs/jobEvents.ts';
import type { JobSource } from '../../src/jobs/jobSource.ts';
import { jobActions, useJobStore } from '../../src/jobs/jobStore.ts';
import { runJob, type JobEngine } from '../../src/jobs/runJob.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import { longManifest, longToneSamples, MODELS_DIR } from '../support/sharedFixtures.ts';

let model: CtcModel;
let samples: Float32Array;

beforeAll(async () => {
  model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
  samples = await longToneSamples();
});

beforeEach(() => jobActions.reset());

/** The decoded ten-minute file as a job's audio, from any second on, as a seeking decoder gives it. */
function pcmSource(): JobSource & { firstSample: number | null } {
  return {
    kind: 'file',
    name: 'ten-minutes.opus',
    file: null,
    firstSample: null,
    runningMessage: () => 'Transcribing "ten-minutes.opus"…',
    open: async () => ({ durationSeconds: samples.length / SAMPLE_RATE, warning: null }),
    async *feed(signal, fromSeconds = 0) {
      const from = Math.round(fromSeconds * SAMPLE_RATE);
      this.firstSample = from;
      for (let at = from; at < samples.length && !signal.aborted; at += CHUNK_SAMPLES) yield samples.slice(at, at + CHUNK_SAMPLES);
    },
    recycle: () => {},
    close: async () => null,
  };
}

const engineOf = (jobs: EngineJobs): JobEngine => ({
  startJob: async (settings, resume) => jobs.startJob(settings, resume),
  push: async (chunk) => ({ update: await jobs.push(chunk), spent: chunk }),
  preview: () => jobs.preview(),
  finish: () => jobs.finish(),
});

describe('a job interrupted at 40 % and resumed', () => {
  it('ends with the words of one unbroken run, reading the audio again only from near the cut', async () => {
    const { text } = longManifest();
    jobActions.changeSettings({ windowSeconds: 20, strideSeconds: 2 });
    await runJob(pcmSource(), engineOf(new EngineJobs(model)), new AbortController().signal);
    const reference = useJobStore.getState().job!.words;
    expect(reference.map((w) => w.text).join(' ')).toBe(text);

    // The first run: what the library saved from its events until the page went away at 40 %.
    const saved: TranscribedWord[] = [];
    let committedSeconds = 0;
    const gone = new AbortController();
    const stop = onJobEvent((event) => {
      if (event.type !== 'committed' || gone.signal.aborted) return;
      saved.push(...event.words);
      committedSeconds = event.committedSeconds;
      if (committedSeconds >= 0.4 * (samples.length / SAMPLE_RATE)) gone.abort();
    });
    await runJob(pcmSource(), engineOf(new EngineJobs(model)), gone.signal);
    stop();

    const source = pcmSource();
    const events: string[] = [];
    const listen = onJobEvent((event) => events.push(event.type));
    await runJob(source, engineOf(new EngineJobs(model)), new AbortController().signal, { resume: { id: 'saved-1', words: saved, committedSeconds, windowSeconds: 20, strideSeconds: 2 } });
    listen();
    const job = useJobStore.getState().job!;
    expect(job.outcome).toBe('done');
    expect(job.words).toEqual(reference);
    expect(source.firstSample! / SAMPLE_RATE).toBeGreaterThan(committedSeconds - 40);
    expect(source.firstSample! / SAMPLE_RATE).toBeLessThanOrEqual(committedSeconds);
    expect(events[0]).toBe('began');
    expect(events.at(-1)).toBe('ended');
  });
});
