import { beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW, type JobSource } from '../../src/jobs/jobSource.ts';
import { jobActions, useJobStore } from '../../src/jobs/jobStore.ts';
import { runJob } from '../../src/jobs/runJob.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import { UserFacingError } from '../../src/shared/errorText.ts';
import { FakeEngine } from '../support/fakeEngine.ts';

function source(
  items: Array<Float32Array | typeof PREVIEW>,
  overrides: Partial<JobSource> = {},
): JobSource & { closed: boolean; recycled: Float32Array[] } {
  const result = {
    kind: 'file' as const,
    name: 'clip.wav',
    file: null,
    closed: false,
    recycled: [] as Float32Array[],
    recycle(chunk: Float32Array) {
      result.recycled.push(chunk);
    },
    runningMessage: (percent: number | null) => `Transcribing "clip.wav"…${percent === null ? '' : ` ${percent} %`}`,
    open: async () => ({ durationSeconds: (items.length * 2), warning: null }),
    async *feed() {
      yield* items;
    },
    async close() {
      result.closed = true;
      return null;
    },
    ...overrides,
  };
  return result;
}

const seconds = (s: number) => new Float32Array(s * SAMPLE_RATE);
const state = () => useJobStore.getState();

beforeEach(() => jobActions.reset());

describe('runJob: the one lifecycle of files and recordings', () => {
  it('gives every chunk the engine hands back to the source, to fill again', async () => {
    const chunks = [seconds(2), seconds(2), seconds(1)];
    const clip = source([...chunks]);
    await runJob(clip, new FakeEngine(), new AbortController().signal);
    expect(clip.recycled).toHaveLength(3);
    clip.recycled.forEach((chunk, i) => expect(chunk).toBe(chunks[i]));
  });

  it('streams every chunk through the engine and ends with the words and a summary', async () => {
    const engine = new FakeEngine();
    jobActions.changeSettings({ windowSeconds: 12, strideSeconds: 1.5 });
    const clip = source([seconds(2), seconds(2), seconds(1)]);
    await runJob(clip, engine, new AbortController().signal);
    expect(engine.settings).toEqual({ windowSeconds: 12, strideSeconds: 1.5, decoder: { kind: 'greedy' } });
    expect(engine.calls).toEqual(['startJob', 'push', 'push', 'push', 'finish']);
    expect(state().job?.words.map((w) => w.text)).toEqual(['W1', 'W2', 'W3']);
    expect(state().job?.outcome).toBe('done');
    expect(state().job?.durationSeconds).toBe(6);
    expect(state().job?.progress?.fraction).toBeCloseTo(5 / 6);
    expect(state().status).toEqual({ state: 'done', message: 'Done: "clip.wav", 3 words in 0:05.' });
    expect(clip.closed).toBe(true);
  });

  it('asks for a preview when the source offers one, and shows it as the tentative tail only', async () => {
    const engine = new FakeEngine();
    const tails: Array<string | null> = [];
    const unsubscribe = useJobStore.subscribe((s) => tails.push(s.job?.pending?.text ?? null));
    await runJob(source([seconds(1), PREVIEW]), engine, new AbortController().signal);
    unsubscribe();
    expect(engine.calls).toEqual(['startJob', 'push', 'preview', 'finish']);
    expect(tails).toContain('P2');
    expect(state().job?.words.map((w) => w.text)).toEqual(['W1']);
    expect(state().job?.pending).toBeNull();
  });

  it('says when nothing was said', async () => {
    const engine = new FakeEngine();
    await runJob(source([]), engine, new AbortController().signal);
    expect(state().status).toEqual({ state: 'done', message: 'No speech found in "clip.wav" (0:00 of audio): the transcript is empty.' });
  });

  it('keeps the text so far and still finishes the stream when cancelled', async () => {
    const engine = new FakeEngine();
    const cancel = new AbortController();
    const clip = source([], {
      async *feed() {
        yield seconds(1);
        cancel.abort();
        yield seconds(1);
      },
    });
    await runJob(clip, engine, cancel.signal);
    expect(engine.calls).toEqual(['startJob', 'push', 'finish']);
    expect(state().status).toEqual({ state: 'cancelled', message: 'Cancelled "clip.wav"; the text so far is kept.' });
    expect(state().job?.words).toHaveLength(1);
  });

  it('wraps an engine failure in a sentence, keeps the words, and still finishes', async () => {
    const engine = new FakeEngine();
    engine.failPushAt = 1;
    await runJob(source([seconds(1), seconds(1), seconds(1)]), engine, new AbortController().signal);
    expect(engine.calls).toEqual(['startJob', 'push', 'push', 'finish']);
    expect(state().status.state).toBe('error');
    expect(state().status.message).toBe('Transcribing "clip.wav" failed: the runtime aborted. The text so far is kept.');
    expect(state().job?.words.map((w) => w.text)).toEqual(['W1']);
  });

  it('shows an error that speaks to the user as it is, without starting the engine', async () => {
    const engine = new FakeEngine();
    const clip = source([], {
      open: async () => {
        throw new UserFacingError('"clip.wav" is not audio.');
      },
    });
    await runJob(clip, engine, new AbortController().signal);
    expect(engine.calls).toEqual([]);
    expect(state().status).toEqual({ state: 'error', message: '"clip.wav" is not audio.' });
    expect(clip.closed).toBe(true);
  });

  it("puts the source's closing note before the summary", async () => {
    await runJob(source([seconds(1)], { close: async () => 'The microphone stopped.' }), new FakeEngine(), new AbortController().signal);
    expect(state().status.message).toBe('The microphone stopped. Done: "clip.wav", 1 words in 0:01.');
  });

  it('moves the previous finished job to the history', async () => {
    const engine = new FakeEngine();
    await runJob(source([seconds(1)], { name: 'a.wav' }), engine, new AbortController().signal);
    await runJob(source([seconds(1)], { name: 'b.wav' }), engine, new AbortController().signal);
    expect(state().job?.source).toBe('b.wav');
    expect(state().history.map((j) => j.source)).toEqual(['a.wav']);
  });
});
