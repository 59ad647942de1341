import * as Comlink from 'comlink';
import type { EngineApi } from './engineProtocol.ts';

export type EngineRemote = Comlink.Remote<EngineApi>;

/** Starts the one engine worker of this page. */
export function startEngineWorker(): EngineRemote {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
  return Comlink.wrap<EngineApi>(worker);
}
