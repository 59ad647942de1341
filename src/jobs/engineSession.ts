import * as Comlink from 'comlink';
import type { EngineRemote, EngineWorker } from '../engine/client.ts';
import type { EngineStats, LoadProgress } from '../engine/protocol.ts';
import { describeModelLoadError } from './describeError.ts';
import { jobActions, useJobStore, type Settings } from './jobStore.ts';

export interface EngineSessionDeps {
  /** Starts a fresh engine worker. */
  startWorker(): EngineWorker;
  /** Resolves relative model URLs. */
  pageUrl(): string;
  /** Whether the browser believes it is online (it words load failures by it). */
  online(): boolean;
}

/** Why a job could not have the engine. */
export type LendRefusal = 'busy' | 'no-model';

/**
 * The page's one engine: the worker, the model it has loaded, and the job that has it. The model
 * loads once; jobs borrow the engine one at a time (files and recordings alike), and cancel()
 * aborts the borrower's signal.
 */
export class EngineSession {
  private worker: EngineWorker;
  /** The model the worker has loaded (or tried to): another one means a fresh worker. */
  private workerModel: string | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  private lent = false;
  private abort: AbortController | null = null;
  private readonly idleListeners = new Set<() => void>();

  constructor(private readonly deps: EngineSessionDeps) {
    this.worker = deps.startWorker();
  }

  /** True while a job has the engine. */
  get busy(): boolean {
    return this.lent;
  }

  loadModel(settings: Settings): Promise<boolean> {
    // A WASM heap never shrinks, so a model swapped in the same worker would leave the old one's
    // high-water mark behind (bench/RESULTS.md). Between jobs, a swap gets a new worker.
    const model = JSON.stringify([settings.model, settings.device, settings.dtype]);
    if (this.workerModel !== null && this.workerModel !== model && !this.lent) {
      this.worker.terminate();
      this.worker = this.deps.startWorker();
    }
    this.workerModel = model;
    jobActions.modelLoading(settings);
    const files = new Map<string, LoadProgress>();
    const onProgress = (progress: LoadProgress) => {
      files.set(progress.file, progress);
      let loadedBytes = 0;
      let totalBytes = 0;
      for (const p of files.values()) {
        loadedBytes += p.loadedBytes;
        totalBytes += p.totalBytes;
      }
      jobActions.modelProgress({ loadedBytes, totalBytes });
    };
    const request = { model: settings.model, pageUrl: this.deps.pageUrl(), device: settings.device, dtype: settings.dtype };
    this.ready = this.worker.remote.load(request, Comlink.proxy(onProgress)).then(
      (info) => {
        jobActions.modelLoaded(info);
        if (!this.lent) this.settleIdle();
        this.notifyIdle();
        return true;
      },
      (error: unknown) => {
        jobActions.modelFailed(describeModelLoadError(settings.model, error, this.deps.online()));
        return false;
      },
    );
    return this.ready;
  }

  /**
   * Runs `task` with the engine to itself once the model is ready; resolves to null when it ran,
   * or why it could not (another job has the engine, or no model loaded).
   */
  async lend(task: (engine: EngineRemote, signal: AbortSignal) => Promise<void>): Promise<LendRefusal | null> {
    if (this.lent) return 'busy';
    this.lent = true;
    const abort = new AbortController();
    this.abort = abort;
    try {
      if (!(await this.ready)) return 'no-model';
      await task(this.worker.remote, abort.signal);
      return null;
    } finally {
      if (this.abort === abort) this.abort = null;
      this.lent = false;
      this.notifyIdle();
    }
  }

  /** Stops the job that has the engine within one chunk; its text so far stays. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Calls `listener` whenever the engine comes free or a model has loaded; returns the unsubscribe. */
  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }

  /** The engine worker's own figures (memory, windows run), for the memory panel. */
  engineStats(): Promise<EngineStats> {
    return this.worker.whileAlive(this.worker.remote.stats());
  }

  private notifyIdle(): void {
    for (const listener of this.idleListeners) listener();
  }

  private settleIdle(): void {
    const { engine } = useJobStore.getState();
    jobActions.setStatus('idle', `Ready (${engine?.backend === 'webgpu' ? 'WebGPU' : 'WASM'}): drop an audio or video file, or pick one.`);
  }
}
