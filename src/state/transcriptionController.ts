import * as Comlink from 'comlink';
import { jobProgress } from '../asr/jobProgress.ts';
import type { TranscriptUpdate } from '../asr/streamingTranscriber.ts';
import { openAudioFile } from '../audio/openAudioFile.ts';
import { describeModelLoadError, describeTranscriptionError } from '../engine/describeError.ts';
import { startEngineWorker, type EngineRemote } from '../engine/engineClient.ts';
import type { LoadProgress } from '../engine/engineProtocol.ts';
import { setStatus, updateJob, useAppStore, type Settings, type TranscriptJob } from './appStore.ts';

/**
 * Runs the app's one engine and its one queue: the model loads once, files wait their turn,
 * and a cancelled or failed job keeps the text it produced.
 */
export class TranscriptionController {
  private readonly engine: EngineRemote = startEngineWorker();
  private ready: Promise<boolean> = Promise.resolve(false);
  private running = false;
  private abort: AbortController | null = null;
  private nextId = 1;

  loadModel(settings: Settings): Promise<boolean> {
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

  removeQueued(id: number): void {
    useAppStore.setState((s) => ({ queue: s.queue.filter((q) => q.id !== id) }));
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
    let last: TranscriptUpdate | null = null;
    try {
      const audio = await openAudioFile(file);
      updateJob({ durationSeconds: audio.durationSeconds, warning: audio.warning });
      await this.engine.startJob({ windowSeconds: settings.windowSeconds, strideSeconds: settings.strideSeconds });
      for await (const chunk of audio.chunks(abort.signal)) {
        if (abort.signal.aborted) break;
        last = await this.engine.push(Comlink.transfer(chunk, [chunk.buffer]));
        this.applyUpdate(last, audio.durationSeconds, startedAt, file.name);
      }
      if (abort.signal.aborted) {
        this.endJob('cancelled', `Cancelled "${file.name}"; the text so far is kept.`);
        return;
      }
      last = await this.engine.finish();
      this.applyUpdate(last, last.receivedSeconds, startedAt, file.name);
      const job = useAppStore.getState().job!;
      this.endJob(
        'done',
        job.words.length === 0
          ? `No speech found in "${file.name}" (${last.receivedSeconds.toFixed(1)} s of audio): the transcript is empty.`
          : `Done: "${file.name}", ${job.words.length} words.`,
      );
    } catch (error) {
      this.endJob('error', error instanceof Error && error.name === 'AudioInputError' ? error.message : describeTranscriptionError(file.name, error));
    } finally {
      this.abort = null;
    }
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

  private endJob(outcome: 'done' | 'cancelled' | 'error', message: string): void {
    updateJob({ outcome, pending: null });
    setStatus(outcome, message);
  }

  private settleIdle(): void {
    const { engine } = useAppStore.getState();
    setStatus('idle', `Ready (${engine?.backend === 'webgpu' ? 'WebGPU' : 'WASM'}): drop an audio or video file, or pick one.`);
  }
}
