import { PREVIEW, type JobSource, type OpenedAudio } from '../../jobs/jobSource.ts';
import { jobActions } from '../../jobs/jobStore.ts';
import { ChunkPool } from '../../shared/audio/chunkPool.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { errorText, UserFacingError } from '../../shared/errorText.ts';
import { CaptureClock, FIRST_SOUND_MARK } from './captureClock.ts';
import type { CaptureCallbacks, MicCapture } from './micCapture.ts';
import { describeMicrophoneError } from './micErrors.ts';
import { firstSampleAbove, meterLevel, peakOf } from './meterLevel.ts';
import { pcm16ToFloat } from './pcm16.ts';
import { PreviewPacer } from './previewPacer.ts';
import { recorderActions, type SavedRecording } from './recorderStore.ts';
import { SampleRing } from './sampleRing.ts';
import { SixteenKhzPcm } from './sixteenKhzPcm.ts';

/** Audio the page may hold while the engine is busy; past this the engine has fallen hopelessly behind. */
const BACKLOG_SECONDS = 30;
/** Chunk buffers kept: the one the engine has and the next. */
const CHUNK_BUFFERS_KEPT = 2;
/** How often the level meter and the elapsed time are redrawn. */
const METER_INTERVAL_MS = 100;
/** 16-bit samples louder than this (-40 dBFS) count as sound, for the first-sound mark. */
const SOUND_THRESHOLD = 0.01 * 32768;

const MICROPHONE_GONE = 'The microphone stopped: it was disconnected, or access to it was withdrawn. The text so far is kept.';

/** Where a kept recording goes as it is captured (the origin-private file system in the app). */
export interface RecordingWriter {
  append(pcm: Int16Array): void;
  /** Closes the recording; resolves to the stored file. */
  finish(): Promise<File>;
}

export interface LiveSourceOptions {
  readonly title: string;
  readonly fileName: string;
  /** Starts the microphone's frames flowing to `callbacks`. */
  readonly startCapture: (callbacks: CaptureCallbacks) => Promise<MicCapture>;
  readonly writer: RecordingWriter | null;
  /** Why the recording will not be kept, shown with the recorder; null when it will be. */
  readonly savedNote: string | null;
  /** The Stop button: ends the capture, and the job once the rest is transcribed. */
  readonly stop: AbortSignal;
  /** Milliseconds, monotonic (performance.now in the page). */
  readonly now: () => number;
}

/**
 * The microphone as a job's audio: its frames become 16 kHz PCM once, which goes both to storage
 * (if kept) and, through a fixed-size ring, to the engine. While no audio waits it offers previews
 * of the tentative tail, paced by PreviewPacer, so pushes and previews never overlap.
 */
export class LiveSource implements JobSource {
  readonly kind = 'live';
  readonly file = null;
  private readonly ring = new SampleRing(BACKLOG_SECONDS * SAMPLE_RATE);
  private readonly chunks = new ChunkPool(CHUNK_SAMPLES, CHUNK_BUFFERS_KEPT);
  private readonly pacer = new PreviewPacer();
  private readonly clock = new CaptureClock(SAMPLE_RATE);
  private converter: SixteenKhzPcm | null = null;
  private capture: MicCapture | null = null;
  private captureStopped: Promise<void> | null = null;
  private capturedSamples = 0;
  private soundMarked = false;
  private peak = 0;
  private meterShownAt = Number.NEGATIVE_INFINITY;
  private captureEnded = false;
  private problem: string | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: LiveSourceOptions) {}

  get name(): string {
    return this.options.title;
  }

  get seconds(): number {
    return this.capturedSamples / SAMPLE_RATE;
  }

  runningMessage(): string {
    return 'Recording from the microphone: words appear as you speak. Press Stop to finish.';
  }

  async open(): Promise<OpenedAudio> {
    try {
      this.capture = await this.options.startCapture({
        onFrame: (samples, sampleRate) => this.onFrame(samples, sampleRate),
        onEnded: () => this.end(MICROPHONE_GONE),
      });
    } catch (error) {
      const message = describeMicrophoneError(error);
      recorderActions.problem(message);
      throw new UserFacingError(message, { cause: error });
    }
    recorderActions.recording(this.options.savedNote);
    const { stop } = this.options;
    if (stop.aborted) this.end(null);
    else stop.addEventListener('abort', () => this.end(null), { once: true });
    return { durationSeconds: null, warning: null };
  }

  async *feed(signal: AbortSignal): AsyncGenerator<Float32Array | typeof PREVIEW> {
    const wakeUp = () => this.wake?.();
    signal.addEventListener('abort', wakeUp, { once: true });
    try {
      while (!signal.aborted) {
        if (this.ring.length > 0) {
          yield this.ring.read(this.chunks.take());
          continue;
        }
        if (this.captureEnded) return;
        const delay = this.pacer.delay(this.options.now());
        if (delay === 0) {
          this.pacer.started(this.options.now());
          yield PREVIEW;
          this.pacer.finished(this.options.now());
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = delay === null ? undefined : setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    } finally {
      signal.removeEventListener('abort', wakeUp);
    }
  }

  recycle(chunk: Float32Array): void {
    this.chunks.give(chunk);
  }

  /** Stops the microphone if the job ended first, and keeps the recording; returns why it stopped early, if it did. */
  async close(): Promise<string | null> {
    this.end(null);
    await this.captureStopped;
    const { writer, fileName } = this.options;
    let saved: SavedRecording | null = null;
    let savedNote: string | undefined;
    if (writer !== null && this.capture === null) {
      await writer.finish().catch(() => {}); // the microphone never started: nothing to keep
    } else if (writer !== null) {
      try {
        const file = await writer.finish();
        saved = { url: URL.createObjectURL(file), fileName, seconds: this.seconds, bytes: file.size };
        jobActions.attachMedia({ url: saved.url, kind: 'audio' });
      } catch (error) {
        savedNote = `The recording could not be stored (${errorText(error)}), so it cannot be saved; the transcript is complete.`;
      }
    }
    recorderActions.stopped(this.seconds, saved, savedNote);
    if (this.problem !== null) recorderActions.problem(this.problem);
    return this.problem;
  }

  /** Ends the capture (once); `reason`, when given, is why it ended early. */
  private end(reason: string | null): void {
    if (reason !== null) this.problem ??= reason;
    if (this.captureStopped !== null || this.capture === null) return;
    const capture = this.capture;
    recorderActions.stopping();
    this.captureStopped = capture.stop().then(() => this.endCapture());
  }

  private onFrame(mono: Float32Array, sampleRate: number): void {
    if (this.captureEnded) return;
    this.converter ??= new SixteenKhzPcm(sampleRate);
    this.peak = Math.max(this.peak, peakOf(mono));
    this.accept(this.converter.process(mono));
  }

  /** No frame will follow: the converter's held-back samples complete the stream. */
  private endCapture(): void {
    if (this.captureEnded) return;
    if (this.converter !== null) this.accept(this.converter.flush());
    this.captureEnded = true;
    this.wake?.();
  }

  private accept(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    const now = this.options.now();
    this.options.writer?.append(pcm);
    // The engine gets the stored samples exactly, so the saved file transcribes to the same words.
    const samples = pcm16ToFloat(pcm);
    if (this.ring.write(samples) < samples.length) {
      this.end(
        `Transcription fell more than ${BACKLOG_SECONDS} s behind the microphone on this device, so recording stopped. The text so far is kept; a shorter window (Settings) or WebGPU makes it faster.`,
      );
    }
    this.clock.frameArrived(now, this.capturedSamples + pcm.length);
    if (!this.soundMarked) {
      const loud = firstSampleAbove(pcm, SOUND_THRESHOLD);
      if (loud >= 0) {
        performance.mark(FIRST_SOUND_MARK, { startTime: this.clock.timeOf(this.capturedSamples + loud) });
        this.soundMarked = true;
      }
    }
    this.capturedSamples += pcm.length;
    this.pacer.audioArrived();
    if (now - this.meterShownAt >= METER_INTERVAL_MS) {
      recorderActions.meter(meterLevel(this.peak), this.seconds);
      this.peak = 0;
      this.meterShownAt = now;
    }
    this.wake?.();
  }
}
