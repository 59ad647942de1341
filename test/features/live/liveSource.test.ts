import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptureCallbacks } from '../../../src/features/live/micCapture.ts';
import { LiveSource, type RecordingWriter } from '../../../src/features/live/liveSource.ts';
import { useRecorderStore } from '../../../src/features/live/recorderStore.ts';
import { jobActions, useJobStore } from '../../../src/jobs/jobStore.ts';
import { runJob } from '../../../src/jobs/runJob.ts';
import { FakeEngine } from '../../support/fakeEngine.ts';

const DEVICE_RATE = 48_000;
const FRAME = 1_920; // 40 ms at 48 kHz, as the worklet sends them

/** A microphone the test plays frames into; stop() resolves at once, as the worklet's last frame would. */
function fakeMicrophone() {
  const mic = { callbacks: null as CaptureCallbacks | null, stopped: false };
  const startCapture = async (callbacks: CaptureCallbacks) => {
    mic.callbacks = callbacks;
    return { stop: async () => void (mic.stopped = true) };
  };
  const play = (frames: number) => {
    for (let f = 0; f < frames; f++) {
      const frame = new Float32Array(FRAME);
      for (let i = 0; i < FRAME; i++) frame[i] = 0.5 * Math.sin((2 * Math.PI * 440 * (f * FRAME + i)) / DEVICE_RATE);
      mic.callbacks!.onFrame(frame, DEVICE_RATE);
    }
  };
  return { mic, startCapture, play };
}

function fakeWriter(): RecordingWriter & { samples: number } {
  const writer = {
    samples: 0,
    append: (pcm: Int16Array) => void (writer.samples += pcm.length),
    finish: async () => new File([new Uint8Array(44 + writer.samples * 2)], 'recording.wav'),
  };
  return writer;
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
};

beforeEach(() => jobActions.reset());

describe('the microphone as a job source', () => {
  it('hands the engine exactly the 16 kHz samples it stores, previews while it waits, and keeps the recording', async () => {
    const { mic, startCapture, play } = fakeMicrophone();
    const writer = fakeWriter();
    const stop = new AbortController();
    const engine = new FakeEngine();
    const source = new LiveSource({ title: 'Microphone recording 10:00', fileName: 'r.wav', startCapture, writer, savedNote: null, stop: stop.signal, now: () => performance.now() });
    const job = runJob(source, engine, new AbortController().signal);
    await until(() => mic.callbacks !== null);
    expect(useRecorderStore.getState().phase).toBe('recording');
    play(25); // one second
    await until(() => engine.calls.includes('preview'));
    play(25);
    stop.abort();
    await job;

    expect(mic.stopped).toBe(true);
    expect(engine.receivedSamples).toBe(writer.samples);
    expect(engine.receivedSamples).toBe(32_000);
    expect(engine.calls[0]).toBe('startJob');
    expect(engine.calls.at(-1)).toBe('finish');
    const { status } = useJobStore.getState();
    expect(status.state).toBe('done');
    expect(status.message).toMatch(/^Done: "Microphone recording 10:00", \d+ words in 0:02\.$/);
    expect(useRecorderStore.getState().saved).toMatchObject({ fileName: 'r.wav', seconds: 2, bytes: 44 + 64_000 });
  });

  it('says the microphone went away, and keeps what it heard', async () => {
    const { mic, startCapture, play } = fakeMicrophone();
    const engine = new FakeEngine();
    const source = new LiveSource({ title: 'Rec', fileName: 'r.wav', startCapture, writer: null, savedNote: null, stop: new AbortController().signal, now: () => performance.now() });
    const job = runJob(source, engine, new AbortController().signal);
    await until(() => mic.callbacks !== null);
    play(10);
    mic.callbacks!.onEnded();
    await job;
    expect(useJobStore.getState().status.message).toMatch(/^The microphone stopped: it was disconnected.* Done: "Rec"/);
    expect(useRecorderStore.getState().problem).toMatch(/^The microphone stopped/);
    expect(useJobStore.getState().job?.words.length).toBeGreaterThan(0);
  });

  it('reports a microphone that cannot start as the job failing, in words the user can act on', async () => {
    const startCapture = async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    };
    const engine = new FakeEngine();
    const source = new LiveSource({ title: 'Rec', fileName: 'r.wav', startCapture, writer: fakeWriter(), savedNote: null, stop: new AbortController().signal, now: () => performance.now() });
    await runJob(source, engine, new AbortController().signal);
    expect(engine.calls).toEqual([]);
    expect(useJobStore.getState().status.state).toBe('error');
    expect(useJobStore.getState().status.message).toMatch(/^Microphone access was denied/);
    expect(useRecorderStore.getState().saved).toBeNull();
  });
});
