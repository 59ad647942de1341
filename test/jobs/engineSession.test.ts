import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineRemote, EngineWorker } from '../../src/engine/client.ts';
import { EngineDiedError } from '../../src/engine/engineDied.ts';
import type { EngineInfo, LoadRequest } from '../../src/engine/protocol.ts';
import type { JobSource } from '../../src/jobs/jobSource.ts';
import { runJob } from '../../src/jobs/runJob.ts';
import { EngineSession } from '../../src/jobs/engineSession.ts';
import { DEFAULT_SETTINGS, jobActions, useJobStore } from '../../src/jobs/jobStore.ts';
import { budgetWindows } from '../../src/features/model/memoryBudget.ts';

const INFO: EngineInfo = { model: 'm', backend: 'wasm', threads: 2, reason: 'WASM', dtype: 'q8', attentionMask: 'none', warmUp: null };

/** Workers whose load resolves or rejects as the test says; it counts starts and terminations. */
function fakeWorkers(load: (request: LoadRequest) => Promise<EngineInfo> = async () => INFO) {
  const workers = { started: 0, terminated: 0, requests: [] as LoadRequest[], kill: [] as Array<() => void> };
  const start = (): EngineWorker => {
    workers.started++;
    let kill!: () => void;
    const died = new Promise<EngineDiedError>((resolve) => (kill = () => resolve(new EngineDiedError('The engine stopped unexpectedly.'))));
    let reject!: (error: Error) => void;
    const gone = new Promise<never>((_, rejectGone) => (reject = rejectGone));
    gone.catch(() => {});
    workers.kill.push(() => {
      reject(new EngineDiedError('The engine stopped unexpectedly.'));
      kill();
    });
    const remote = {
      load: (request: LoadRequest) => {
        workers.requests.push(request);
        return load(request);
      },
      stats: async () => ({ windowsRun: workers.started }),
      startJob: () => new Promise(() => {}), // a window that never ends, unless the worker dies
    } as unknown as EngineRemote;
    return { remote, terminate: () => void workers.terminated++, whileAlive: (call) => Promise.race([call, gone]), died };
  };
  return { workers, start };
}

/** A file job whose audio is whatever `feed` yields. */
function fakeSource(name: string, feed: (signal: AbortSignal) => AsyncIterable<Float32Array>): JobSource {
  return { kind: 'file', name, file: null, runningMessage: () => `Transcribing "${name}"…`, open: async () => ({ durationSeconds: null, warning: null }), feed, recycle: () => {}, close: async () => null };
}

const settings = (model: string) => ({ model, ...DEFAULT_SETTINGS });
const session = (start: () => EngineWorker) => new EngineSession({ startWorker: start, pageUrl: () => 'http://app.test/', online: () => true, readLanguageModel: async () => new ArrayBuffer(0) });

beforeEach(() => jobActions.reset());

describe('the engine session', () => {
  it('loads the model and says the app is ready', async () => {
    const { workers, start } = fakeWorkers();
    const engine = session(start);
    expect(await engine.loadModel(settings('/models/tone-ctc'))).toBe(true);
    expect(workers.requests[0]).toMatchObject({ model: '/models/tone-ctc', pageUrl: 'http://app.test/', device: 'auto' });
    expect(useJobStore.getState().engine).toEqual(INFO);
    expect(useJobStore.getState().status).toEqual({ state: 'idle', message: 'Ready (WASM): drop an audio or video file, or pick one.' });
  });

  it('names the model when it cannot load', async () => {
    const { start } = fakeWorkers(async () => {
      throw new Error('404 Not Found');
    });
    expect(await session(start).loadModel(settings('owner/missing'))).toBe(false);
    expect(useJobStore.getState().status.state).toBe('error');
    expect(useJobStore.getState().status.message).toMatch(/^Could not load the model "owner\/missing": 404 Not Found/);
  });

  it('lends the engine to one job at a time, and refuses without a model', async () => {
    const { start } = fakeWorkers();
    const engine = session(start);
    expect(await engine.lend(async () => {})).toBe('no-model');
    await engine.loadModel(settings('m'));
    let release!: () => void;
    const first = engine.lend(() => new Promise<void>((resolve) => (release = resolve)));
    await Promise.resolve();
    expect(engine.busy).toBe(true);
    expect(await engine.lend(async () => {})).toBe('busy');
    release();
    expect(await first).toBeNull();
    expect(engine.busy).toBe(false);
  });

  it("aborts the borrower's signal on cancel, and tells listeners when the engine is free", async () => {
    const { start } = fakeWorkers();
    const engine = session(start);
    await engine.loadModel(settings('m'));
    let idle = 0;
    engine.onIdle(() => idle++);
    const aborted = await new Promise<boolean>((resolve) => {
      void engine.lend(async (_remote, signal) => {
        engine.cancel();
        resolve(signal.aborted);
      });
    });
    expect(aborted).toBe(true);
    await Promise.resolve();
    expect(idle).toBe(1);
  });

  it('gives a different model a fresh worker, so the old heap is returned', async () => {
    const { workers, start } = fakeWorkers();
    const engine = session(start);
    await engine.loadModel(settings('a'));
    await engine.loadModel(settings('a'));
    expect(workers).toMatchObject({ started: 1, terminated: 0 });
    await engine.loadModel(settings('b'));
    expect(workers).toMatchObject({ started: 2, terminated: 1 });
  });

  it("asks for the budget's runtime, and starts a worker for another budget's runtime", async () => {
    const { workers, start } = fakeWorkers();
    const engine = session(start);
    await engine.loadModel(settings('a'));
    expect(workers.requests[0].runtime).toEqual({ warmUp: false, singleThread: false });
    await engine.loadModel({ ...settings('a'), ...budgetWindows('low') });
    expect(workers.requests[1].runtime).toEqual({ warmUp: true, singleThread: true });
    expect(workers).toMatchObject({ started: 2, terminated: 1 });
  });

  it('notices a worker that died mid-job: the job ends with a message and a fresh worker loads the model again', async () => {
    const { workers, start } = fakeWorkers();
    const engine = session(start);
    await engine.loadModel(settings('m'));
    const source = fakeSource('long.opus', async function* () {});
    const job = engine.lend((remote, signal) => runJob(source, remote, signal));
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers.kill[0]();
    expect(await job).toBeNull();
    expect(useJobStore.getState().status.state).toBe('error');
    expect(useJobStore.getState().status.message).toMatch(/^Transcribing "long\.opus" stopped: The engine stopped unexpectedly\. The text so far is kept, and a fresh engine takes the next file/);
    expect(workers.started).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(workers.requests).toHaveLength(2);
    expect(useJobStore.getState().status.state).toBe('error'); // the quiet reload keeps the message
    expect(await engine.lend(async () => {})).toBeNull();
  });

  it('does not reload a model whose loading killed the worker', async () => {
    const { workers, start } = fakeWorkers(() => new Promise(() => {}));
    const engine = session(start);
    const loading = engine.loadModel(settings('huge'));
    await Promise.resolve();
    workers.kill[0]();
    expect(await loading).toBe(false);
    expect(useJobStore.getState().status.message).toMatch(/^Could not load the model "huge"/);
    expect(workers.started).toBe(2);
    expect(workers.requests).toHaveLength(1);
  });

  it('cancels a running job, saying why, when another model is chosen', async () => {
    const { start } = fakeWorkers();
    const engine = session(start);
    await engine.loadModel(settings('a'));
    const source = fakeSource('a.wav', async function* (signal) {
      while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1));
    });
    const remoteWithJobs = (remote: Parameters<Parameters<EngineSession['lend']>[0]>[0]) => ({
      ...remote,
      startJob: async () => null,
      finish: async () => ({ words: [], pending: null, committedSeconds: 0, receivedSeconds: 0 }),
    });
    const messages: string[] = [];
    const unsubscribe = useJobStore.subscribe((s) => messages.push(s.status.message));
    const job = engine.lend((remote, signal) => runJob(source, remoteWithJobs(remote), signal));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const swapped = engine.loadModel(settings('b'));
    await job;
    unsubscribe();
    expect(messages).toContain('Cancelled "a.wav" because the model b was chosen; the text so far is kept.');
    expect(useJobStore.getState().job?.outcome).toBe('cancelled');
    expect(useJobStore.getState().history).toHaveLength(0);
    expect(await swapped).toBe(true);
    expect(useJobStore.getState().job?.outcome).toBe('cancelled');
  });
});
