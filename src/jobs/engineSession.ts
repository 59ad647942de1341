import * as Comlink from 'comlink';
import { jobProgress } from './jobProgress.ts';
import type { TranscriptUpdate } from '../shared/transcript.ts';
import { SAMPLE_RATE } from '../shared/audioFormat.ts';
import { openAudioFile } from '../features/file/decode/openAudioFile.ts';
import { describeJobFailure, describeModelLoadError } from './describeError.ts';
import { startEngineWorker, type EngineRemote, type EngineWorker } from '../engine/client.ts';
import type { EngineStats, LoadProgress } from '../engine/protocol.ts';
import { setStatus, updateJob, useAppStore, type Settings, type TranscriptJob } from './jobStore.ts';
import { ReadAhead } from './readAhead.ts';

/** How far the decoder may run ahead of the model, in windows: enough to overlap the two, no more. */
export const READ_AHEAD_WINDOWS = 1;

/**
 * Runs the app's one engine and its one queue: the model loads once, files wait their turn,
 * and a cancelled or failed job keeps the text it produced.
 */
export class TranscriptionController {
  private worker: EngineWorker = startEngineWorker();
  /** The model the worker has loaded (or tried to): another one means a fresh worker. */
  private workerModel: string | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  private running = false;
  private abort: AbortController | null = null;
  private nextId = 1;
  private readAhead: ReadAhead<Float32Array> | null = null;

  private get engine(): EngineRemote {
    return this.worker.remote;
  }

  loadModel(settings: Settings): Promise<boolean> {
    // A WASM heap never shrinks, so a model swapped in the same worker would leave the old one's
    // high-water mark behind (attn-bench → tone-ctc keeps 262 MiB, a new worker needs 16 MiB and
    // 0.5 s: bench/RESULTS.md). Between jobs, a swap gets a new worker.
    const model = JSON.stringify([settings.model, settings.device, settings.dtype]);
    if (this.workerModel !== null && this.workerModel !== model && !this.running) {
      this.worker.terminate();
      this.worker = startEngineWorker();
    }
    this.workerModel = model;
    useAppStore.setState({ settings, engine: null, modelProgress: null });
    setStatus('loading-model', `Loading the model ${settings.model}…`);
    const files = new Map<string, LoadProgress>();
    const onProgress = (progress: LoadProgress) => {
      files.set(progress.file, progress);
      let loadedBytes = 0;
      let totalBytes = 0;
      for (const p of files.values()) {
        loadedBytes += p.loadedBytes;
        totalBytes += p.totalBytes;
      }
      useAppStore.setState({ modelProgress: { loadedBytes, totalBytes } });
    };
    this.ready = this.engine
      .load(
        { model: settings.model, pageUrl: location.href, device: settings.device, dtype: settings.dtype },
        Comlink.proxy(onProgress),
      )
      .then(
        (info) => {
          useAppStore.setState({ engine: info, modelProgress: null });
          if (!this.running) this.settleIdle();
          void this.drain();
          return true;
        },
        (error: unknown) => {
          useAppStore.setState({ modelProgress: null });
          setStatus('error', describeModelLoadError(settings.model, error, navigator.onLine));
          return false;
        },
      );
    return this.ready;
  }

  enqueue(files: Iterable<File>): void {
    const added = [...files].map((file) => ({ id: this.nextId++, file }));
    if (added.length === 0) return;
    useAppStore.setState((s) => ({ queue: [...s.queue, ...added] }));
    void this.drain();
  }

  /** Stops the running job within one chunk; its text so far stays. */
  cancel(): void {
    this.abort?.abort();
  }

  /** The engine worker's own figures (memory, windows run), for the memory panel. */
  engineStats(): Promise<EngineStats> {
    return this.worker.whileAlive(this.engine.stats());
  }

  /** Decoded samples waiting for the model now, their peak in the current or last job, and the bound. */
  readAheadSamples(): { buffered: number; peak: number; limit: number } | null {
    const ahead = this.readAhead;
    return ahead === null ? null : { buffered: ahead.buffered, peak: ahead.peak, limit: ahead.limit };
  }

  removeQueued(id: number): void {
    useAppStore.setState((s) => ({ queue: s.queue.filter((q) => q.id !== id) }));
  }

  /**
   * Lends the engine to a live job (the microphone) while no file is being transcribed: files
   * dropped meanwhile wait in the queue until `task` settles, and cancel() aborts its signal.
   * Returns why it cannot start (the engine is busy, or there is no model), or null once it ran.
   */
  async runLive(task: (engine: EngineRemote, signal: AbortSignal) => Promise<void>): Promise<string | null> {
    if (this.running) return 'A file is being transcribed. Press Record again when it is done, or cancel it first.';
    this.running = true;
    const abort = new AbortController();
    this.abort = abort;
    try {
      if (!(await this.ready)) return 'No model is loaded, so nothing can be transcribed: load one under Model, then press Record.';
      await task(this.engine, abort.signal);
      return null;
    } finally {
      if (this.abort === abort) this.abort = null;
      this.running = false;
      void this.drain();
    }
  }

  /** Shows a new live job, named `source`, as the current transcript. */
  beginLiveJob(source: string): void {
    this.beginJob({ id: this.nextId++, source, words: [], pending: null, durationSeconds: null, progress: null, warning: null, outcome: 'running' });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (useAppStore.getState().queue.length > 0) {
        if (!(await this.ready)) return;
        const [next, ...rest] = useAppStore.getState().queue;
        useAppStore.setState({ queue: rest });
        await this.transcribe(next.id, next.file);
      }
    } finally {
      this.running = false;
    }
  }

  private async transcribe(id: number, file: File): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const { settings } = useAppStore.getState();
    this.beginJob({ id, source: file.name, words: [], pending: null, durationSeconds: null, progress: null, warning: null, outcome: 'running' });
    setStatus('transcribing', `Opening "${file.name}"…`);
    const startedAt = performance.now();
    let streaming = false;
    let failure: unknown = null;
    let durationSeconds: number | null = null;
    try {
      const audio = await openAudioFile(file);
      durationSeconds = audio.durationSeconds;
      updateJob({ durationSeconds, warning: audio.warning });
      await this.engine.startJob({ windowSeconds: settings.windowSeconds, strideSeconds: settings.strideSeconds });
      streaming = true;
      this.readAhead = new ReadAhead(
        audio.chunks(abort.signal),
        READ_AHEAD_WINDOWS * Math.round(settings.windowSeconds * SAMPLE_RATE),
        (chunk) => chunk.length,
      );
      for await (const chunk of this.readAhead) {
        if (abort.signal.aborted) break;
        const update = await this.engine.push(Comlink.transfer(chunk, [chunk.buffer]));
        this.applyUpdate(update, durationSeconds, startedAt, file.name);
      }
    } catch (error) {
      failure = error;
    }
    // A cancelled, truncated or damaged file still gets the audio it delivered decoded (one more
    // window at most), so nothing already received is lost.
    let received = 0;
    try {
      if (streaming) {
        const last = await this.engine.finish();
        received = last.receivedSeconds;
        this.applyUpdate(last, durationSeconds ?? last.receivedSeconds, startedAt, file.name);
      }
    } catch (error) {
      failure ??= error;
    } finally {
      this.abort = null;
    }
    const words = useAppStore.getState().job?.words.length ?? 0;
    if (abort.signal.aborted) this.endJob('cancelled', `Cancelled "${file.name}"; the text so far is kept.`);
    else if (failure !== null) this.endJob('error', describeJobFailure(file.name, failure));
    else if (words === 0) this.endJob('done', `No speech found in "${file.name}" (${received.toFixed(1)} s of audio): the transcript is empty.`);
    else this.endJob('done', `Done: "${file.name}", ${words} words.`);
  }

  private beginJob(job: TranscriptJob): void {
    useAppStore.setState((s) => ({
      job,
      history: s.job !== null && s.job.outcome !== 'running' ? [s.job, ...s.history] : s.history,
    }));
  }

  private applyUpdate(update: TranscriptUpdate, durationSeconds: number | null, startedAt: number, name: string): void {
    const progress = jobProgress(update.committedSeconds, durationSeconds, (performance.now() - startedAt) / 1000);
    useAppStore.setState((s) =>
      s.job === null
        ? {}
        : { job: { ...s.job, words: update.words.length > 0 ? [...s.job.words, ...update.words] : s.job.words, pending: update.pending, progress } },
    );
    const percent = progress.fraction === null ? '' : ` ${Math.floor(progress.fraction * 100)} %`;
    setStatus('transcribing', `Transcribing "${name}"…${percent}`);
  }

  endJob(outcome: 'done' | 'cancelled' | 'error', message: string): void {
    updateJob({ outcome, pending: null });
    setStatus(outcome, message);
  }

  private settleIdle(): void {
    const { engine } = useAppStore.getState();
    setStatus('idle', `Ready (${engine?.backend === 'webgpu' ? 'WebGPU' : 'WASM'}): drop an audio or video file, or pick one.`);
  }
}
