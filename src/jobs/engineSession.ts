import * as Comlink from 'comlink';
import type { EngineWorker } from '../engine/client.ts';
import type { EngineStats, LoadProgress } from '../engine/protocol.ts';
import { errorText } from '../shared/errorText.ts';
import { describeModelLoadError } from './describeError.ts';
import { jobActions, useJobStore, type Settings } from './jobStore.ts';
import { runtimeFor } from '../features/model/memoryBudget.ts';
import { JobCancelled, type JobEngine } from './runJob.ts';

export interface EngineSessionDeps {
  /** Starts a fresh engine worker. */
  startWorker(): EngineWorker;
  /** Resolves relative model URLs. */
  pageUrl(): string;
  /** Whether the browser believes it is online (it words load failures by it). */
  online(): boolean;
  /** The bytes of a stored language model (an ARPA file, maybe gzipped). */
  readLanguageModel(name: string): Promise<ArrayBuffer>;
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
  /** The settings of the last load that worked, to load again into a fresh worker after a crash. */
  private loaded: Settings | null = null;
  private lent = false;
  private lendEnded: Promise<void> = Promise.resolve();
  private abort: AbortController | null = null;
  private readonly idleListeners = new Set<() => void>();
  /** The language model the engine should hold: loaded into every fresh worker too. */
  private languageModel: string | null = null;

  constructor(private readonly deps: EngineSessionDeps) {
    this.worker = this.startWorker();
  }

  /** True while a job has the engine. */
  get busy(): boolean {
    return this.lent;
  }

  async loadModel(settings: Settings): Promise<boolean> {
    // The runtime is started once per worker: another budget's runtime needs another worker too.
    const model = JSON.stringify([settings.model, settings.device, settings.dtype, runtimeFor(settings)]);
    if (this.lent && this.workerModel !== model) {
      // The running job's windows belong to the old model: end it, keeping its words.
      this.cancel(`the model ${settings.model} was chosen`);
      await this.lendEnded;
    }
    // A WASM heap never shrinks, so a model swapped in the same worker would leave the old one's
    // high-water mark behind (bench/RESULTS.md); and a worker whose last load failed may hold a
    // half-started runtime. Either way the load gets a new worker.
    if (this.workerModel !== null && (this.workerModel !== model || this.loaded === null)) this.restartWorker();
    this.workerModel = model;
    return this.load(settings, true);
  }

  private load(settings: Settings, announce: boolean): Promise<boolean> {
    this.loaded = null;
    if (announce) jobActions.modelLoading(settings);
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
    const request = {
      model: settings.model,
      pageUrl: this.deps.pageUrl(),
      device: settings.device,
      dtype: settings.dtype,
      runtime: runtimeFor(settings),
    };
    const worker = this.worker;
    this.ready = worker.whileAlive(worker.remote.load(request, Comlink.proxy(onProgress))).then(
      async (info) => {
        this.loaded = settings;
        if (this.languageModel !== null) await this.sendLanguageModel(worker);
        jobActions.modelLoaded(info);
        if (announce && !this.lent) this.settleIdle();
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
  async lend(task: (engine: JobEngine, signal: AbortSignal) => Promise<void>): Promise<LendRefusal | null> {
    if (this.lent) return 'busy';
    this.lent = true;
    const abort = new AbortController();
    this.abort = abort;
    let ended!: () => void;
    this.lendEnded = new Promise((resolve) => (ended = resolve));
    try {
      if (!(await this.ready)) return 'no-model';
      await task(this.guarded(this.worker), abort.signal);
      return null;
    } finally {
      if (this.abort === abort) this.abort = null;
      this.lent = false;
      ended();
      this.notifyIdle();
    }
  }

  /** Puts the named stored language model into the engine for beam search (null: none); says how it went in the store. */
  async useLanguageModel(name: string | null): Promise<boolean> {
    this.languageModel = name;
    return this.sendLanguageModel(this.worker);
  }

  private async sendLanguageModel(worker: EngineWorker): Promise<boolean> {
    const name = this.languageModel;
    try {
      if (name === null) {
        await worker.whileAlive(worker.remote.loadLanguageModel(null));
        jobActions.languageModelNote(null);
        return true;
      }
      jobActions.languageModelNote(`Reading the language model ${name}…`);
      const bytes = await this.deps.readLanguageModel(name);
      const info = await worker.whileAlive(worker.remote.loadLanguageModel(Comlink.transfer(bytes, [bytes])));
      if (info !== null) jobActions.languageModelNote(`Language model ${name}: ${info.words.toLocaleString('en')} words, ${info.ngrams.toLocaleString('en')} n-grams (order ${info.order}).`);
      return true;
    } catch (error) {
      jobActions.languageModelNote(`The language model ${name} could not be used: ${errorText(error)}`);
      return false;
    }
  }

  /** Stops the job that has the engine within one chunk; its text so far stays. `why` is told to the user. */
  cancel(why?: string): void {
    this.abort?.abort(new JobCancelled(why));
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

  /** The engine calls of one job, each failing at once if this worker dies. */
  private guarded(worker: EngineWorker): JobEngine {
    const { remote } = worker;
    return {
      startJob: (settings, resume) => worker.whileAlive(remote.startJob(settings, resume)),
      push: (samples) => worker.whileAlive(remote.push(samples)),
      preview: () => worker.whileAlive(remote.preview()),
      finish: () => worker.whileAlive(remote.finish()),
    };
  }

  private startWorker(): EngineWorker {
    const worker = this.deps.startWorker();
    void worker.died.then(() => {
      if (worker !== this.worker) return;
      // The job it ran fails on its own (its calls reject). A model that had loaded is loaded
      // again into a fresh worker, quietly, so the next file just works; one that died while
      // loading is not retried, or a model too large for the device would crash it in a loop.
      const settings = this.loaded;
      this.restartWorker();
      if (settings !== null) void this.load(settings, false);
      else this.ready = Promise.resolve(false);
    });
    return worker;
  }

  private restartWorker(): void {
    this.worker.terminate();
    this.worker = this.startWorker();
  }

  private notifyIdle(): void {
    for (const listener of this.idleListeners) listener();
  }

  private settleIdle(): void {
    const { engine } = useJobStore.getState();
    jobActions.setStatus('idle', `Ready (${engine?.backend === 'webgpu' ? 'WebGPU' : 'WASM'}): drop an audio or video file, or pick one.`);
  }
}
