import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineRemote, EngineWorker } from '../../src/engine/client.ts';
import type { EngineInfo, LoadRequest } from '../../src/engine/protocol.ts';
import { EngineSession } from '../../src/jobs/engineSession.ts';
import { DEFAULT_SETTINGS, jobActions, useJobStore } from '../../src/jobs/jobStore.ts';

const INFO: EngineInfo = { model: 'm', backend: 'wasm', threads: 2, reason: 'WASM', dtype: 'q8', attentionMask: 'none' };

/** Workers whose load resolves or rejects as the test says; it counts starts and terminations. */
function fakeWorkers(load: (request: LoadRequest) => Promise<EngineInfo> = async () => INFO) {
  const workers = { started: 0, terminated: 0, requests: [] as LoadRequest[] };
  const start = (): EngineWorker => {
    workers.started++;
    const remote = {
      load: (request: LoadRequest) => {
        workers.requests.push(request);
        return load(request);
      },
      stats: async () => ({ windowsRun: workers.started }),
    } as unknown as EngineRemote;
    return { remote, terminate: () => void workers.terminated++, whileAlive: (call) => call };
  };
  return { workers, start };
}

const settings = (model: string) => ({ model, ...DEFAULT_SETTINGS });
const session = (start: () => EngineWorker) => new EngineSession({ startWorker: start, pageUrl: () => 'http://app.test/', online: () => true });

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
    expect(useJobStore.getState().status.message).toMatch(/^Could not load the model "owner\/missing": its files were not found/);
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
});
