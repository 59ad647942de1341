import * as Comlink from 'comlink';
import { formatDuration } from '../../jobs/jobProgress.ts';
import type { TranscriptUpdate } from '../../shared/transcript.ts';
import type { TranscribedWord } from '../../shared/transcript.ts';
import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { describeTranscriptionError } from '../../jobs/describeError.ts';
import type { EngineRemote } from '../../engine/client.ts';
import { CaptureClock, FIRST_SOUND_MARK } from './captureClock.ts';
import { LiveTranscript } from './liveTranscript.ts';
import { firstSampleAbove, meterLevel, peakOf } from './meterLevel.ts';
import { describeMicrophoneError, microphoneSupportProblem } from './micErrors.ts';
import { pcm16ToFloat } from './pcm16.ts';
import { PreviewPacer } from './previewPacer.ts';
import { recordingFileName, recordingTitle } from './recordingNames.ts';
import { SampleRing } from './sampleRing.ts';
import { SixteenKhzPcm } from './sixteenKhzPcm.ts';
import { requestMicrophone, startCapture, type MicCapture } from './micCapture.ts';
import { OpfsWavWriter } from './opfsWavWriter.ts';
import { setStatus, updateJob, useAppStore } from '../../jobs/jobStore.ts';
import { useRecorderStore, type SavedRecording } from './recorderStore.ts';
import type { TranscriptionController } from '../../jobs/engineSession.ts';

/** Audio the page may hold while the engine is busy; past this the engine has fallen hopelessly behind. */
const BACKLOG_SECONDS = 30;
/** How often the level meter and the elapsed time are redrawn. */
const METER_INTERVAL_MS = 100;
/** 16-bit samples louder than this (-40 dBFS) count as sound, for the first-sound mark. */
const SOUND_THRESHOLD = 0.01 * 32768;

const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

const sameWord = (a: TranscribedWord | null, b: TranscribedWord | null) =>
  a === b || (a !== null && b !== null && a.text === b.text && a.start === b.start && a.end === b.end);

/**
 * One recording: the microphone's frames become 16 kHz PCM once, which goes both to storage (if
 * kept) and, through a fixed-size ring, to the engine. One loop talks to the engine, so pushes and
 * previews never overlap; previews fill the gaps, paced by PreviewPacer.
 */
class LiveSession {
  private readonly ring = new SampleRing(BACKLOG_SECONDS * SAMPLE_RATE);
  private readonly transcript = new LiveTranscript();
  private readonly pacer = new PreviewPacer();
  private readonly clock = new CaptureClock(SAMPLE_RATE);
  private converter: SixteenKhzPcm | null = null;
  private capturedSamples = 0;
  private soundMarked = false;
  private peak = 0;
  private meterShownAt = Number.NEGATIVE_INFINITY;
  private captureEnded = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly engine: EngineRemote,
    private readonly writer: OpfsWavWriter | null,
    /** Ends the session early, with the reason for the user. */
    private readonly giveUp: (problem: string) => void,
  ) {}

  get seconds(): number {
    return this.capturedSamples / SAMPLE_RATE;
  }

  onFrame(mono: Float32Array, sampleRate: number): void {
    if (this.captureEnded) return;
    this.converter ??= new SixteenKhzPcm(sampleRate);
    this.peak = Math.max(this.peak, peakOf(mono));
    this.accept(this.converter.process(mono));
  }

  /** No frame will follow: the converter's held-back samples complete the stream. */
  endCapture(): void {
    if (this.captureEnded) return;
    if (this.converter !== null) this.accept(this.converter.flush());
    this.captureEnded = true;
    this.wake?.();
  }

  /** Feeds the engine until the capture has ended and everything is committed. */
  async transcribe(): Promise<void> {
    for (;;) {
      if (this.ring.length > 0) {
        const chunk = this.ring.read();
        this.commit(await this.engine.push(Comlink.transfer(chunk, [chunk.buffer])));
        continue;
      }
      if (this.captureEnded) break;
      const delay = this.pacer.delay(performance.now());
      if (delay === 0) {
        this.pacer.started(performance.now());
        const words = await this.engine.preview();
        this.pacer.finished(performance.now());
        this.transcript.preview(words);
        this.publish([]);
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
    this.commit(await this.engine.finish());
    this.transcript.end();
    this.publish([]);
  }

  private accept(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    const now = performance.now();
    this.writer?.append(pcm);
    // The engine gets the stored samples exactly, so the saved file transcribes to the same words.
    const samples = pcm16ToFloat(pcm);
    if (this.ring.write(samples) < samples.length) {
      this.giveUp(
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
      useRecorderStore.setState({ level: meterLevel(this.peak), seconds: this.seconds });
      this.peak = 0;
      this.meterShownAt = now;
    }
    this.wake?.();
  }

  private commit(update: TranscriptUpdate): void {
    this.transcript.commit(update);
    this.publish(update.words);
  }

  /** Appends newly committed words to the job and shows the tentative tail, as its `pending` span. */
  private publish(committed: readonly TranscribedWord[]): void {
    const pending = this.transcript.tentative();
    useAppStore.setState((s) =>
      s.job === null || (committed.length === 0 && sameWord(s.job.pending, pending))
        ? {}
        : { job: { ...s.job, words: committed.length > 0 ? [...s.job.words, ...committed] : s.job.words, pending } },
    );
  }
}

/** Record / Stop for the app's microphone, sharing the one engine with file transcription. */
export class LiveRecorder {
  private stopRequest: AbortController | null = null;

  constructor(private readonly controller: TranscriptionController) {}

  /** Records until stop() (or the status bar's Cancel); resolves when the transcript is final. */
  async start(): Promise<void> {
    if (useRecorderStore.getState().phase !== 'idle') return;
    const problem = microphoneSupportProblem({
      secureContext: isSecureContext,
      getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
      audioWorklet: typeof AudioWorkletNode === 'function',
    });
    if (problem !== null) {
      useRecorderStore.setState({ problem });
      return;
    }
    const stop = new AbortController();
    this.stopRequest = stop;
    useRecorderStore.setState({ phase: 'starting', problem: null });
    try {
      const refusal = await this.controller.runLive((engine, cancel) => this.record(engine, AbortSignal.any([cancel, stop.signal])));
      if (refusal !== null) useRecorderStore.setState({ problem: refusal });
    } finally {
      this.stopRequest = null;
      useRecorderStore.setState({ phase: 'idle', level: 0 });
    }
  }

  stop(): void {
    this.stopRequest?.abort();
  }

  /** Deletes the kept recording from this browser's storage. */
  async deleteRecording(): Promise<void> {
    const { saved } = useRecorderStore.getState();
    if (saved !== null) URL.revokeObjectURL(saved.url);
    useRecorderStore.setState({ saved: null, savedNote: null });
    await OpfsWavWriter.deleteAll();
  }

  private async record(engine: EngineRemote, stop: AbortSignal): Promise<void> {
    if (stop.aborted) return;
    let stream: MediaStream;
    try {
      stream = await requestMicrophone();
    } catch (error) {
      this.fail(describeMicrophoneError(error));
      return;
    }
    const startedAt = new Date();
    const title = recordingTitle(startedAt);
    const fileName = recordingFileName(startedAt);
    const { settings } = useAppStore.getState();

    const previous = useRecorderStore.getState().saved;
    if (previous !== null) URL.revokeObjectURL(previous.url);
    let savedNote: string | null = null;
    let writer: OpfsWavWriter | null = null;
    if (useRecorderStore.getState().keepRecording) {
      writer = await OpfsWavWriter.create(fileName).catch((error: unknown) => {
        savedNote = `This browser could not store the recording (${detail(error)}), so it cannot be saved; the transcript works as usual.`;
        return null;
      });
    } else {
      await OpfsWavWriter.deleteAll().catch(() => {});
    }

    let problem: string | null = null;
    const ending = new AbortController();
    const end = (reason: string | null) => {
      if (reason !== null) problem ??= reason;
      ending.abort();
    };
    stop.addEventListener('abort', () => end(null), { once: true });
    if (stop.aborted) end(null);
    const session = new LiveSession(engine, writer, end);

    this.controller.beginLiveJob(title);
    useRecorderStore.setState({ phase: 'recording', seconds: 0, level: 0, saved: null, savedNote });
    let capture: MicCapture;
    try {
      await engine.startJob({ windowSeconds: settings.windowSeconds, strideSeconds: settings.strideSeconds });
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      await writer?.finish().catch(() => {});
      this.controller.endJob('error', describeTranscriptionError(title, error));
      return;
    }
    try {
      capture = await startCapture(stream, {
        onFrame: (samples, sampleRate) => session.onFrame(samples, sampleRate),
        onEnded: () => end('The microphone stopped: it was disconnected, or access to it was withdrawn. The text so far is kept.'),
      });
    } catch (error) {
      await writer?.finish().catch(() => {});
      this.controller.endJob('error', this.fail(describeMicrophoneError(error)));
      return;
    }
    setStatus('transcribing', 'Recording from the microphone: words appear as you speak. Press Stop to finish.');

    const captureStopped = new Promise<void>((resolve) => {
      const stopCapture = async () => {
        useRecorderStore.setState({ phase: 'stopping' });
        await capture.stop();
        session.endCapture();
        resolve();
      };
      if (ending.signal.aborted) void stopCapture();
      else ending.signal.addEventListener('abort', () => void stopCapture(), { once: true });
    });

    let failure: string | null = null;
    try {
      await session.transcribe();
    } catch (error) {
      failure = describeTranscriptionError(title, error);
    }
    end(null);
    await captureStopped;

    const seconds = session.seconds;
    updateJob({ durationSeconds: seconds });
    useRecorderStore.setState({ seconds, saved: writer === null ? null : await this.keep(writer, fileName, seconds) });
    if (failure !== null) {
      this.controller.endJob('error', failure);
      return;
    }
    const words = useAppStore.getState().job?.words.length ?? 0;
    const summary =
      words === 0
        ? `No speech found in the recording (${formatDuration(seconds)}): the transcript is empty.`
        : `Done: "${title}", ${words} words in ${formatDuration(seconds)}.`;
    if (problem !== null) useRecorderStore.setState({ problem });
    this.controller.endJob('done', problem === null ? summary : `${problem} ${summary}`);
  }

  /** Closes the stored file; the saved recording, or null (with a note) when storing failed. */
  private async keep(writer: OpfsWavWriter, fileName: string, seconds: number): Promise<SavedRecording | null> {
    try {
      const file = await writer.finish();
      return { url: URL.createObjectURL(file), fileName, seconds, bytes: file.size };
    } catch (error) {
      useRecorderStore.setState({
        savedNote: `The recording could not be stored (${detail(error)}), so it cannot be saved; the transcript is complete.`,
      });
      return null;
    }
  }

  /** Shows a problem in the recorder and the status; returns the message. */
  private fail(message: string): string {
    useRecorderStore.setState({ problem: message });
    setStatus('error', message);
    return message;
  }
}

const recorders = new WeakMap<TranscriptionController, LiveRecorder>();

/** The page's one recorder for `controller`'s engine. */
export function liveRecorderFor(controller: TranscriptionController): LiveRecorder {
  let recorder = recorders.get(controller);
  if (recorder === undefined) {
    recorder = new LiveRecorder(controller);
    recorders.set(controller, recorder);
  }
  return recorder;
}
