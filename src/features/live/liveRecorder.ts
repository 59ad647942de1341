import type { EngineSession, LendRefusal } from '../../jobs/engineSession.ts';
import { jobActions } from '../../jobs/jobStore.ts';
import { runJob } from '../../jobs/runJob.ts';
import { errorText } from '../../shared/errorText.ts';
import { LiveSource, type RecordingWriter } from './liveSource.ts';
import { requestMicrophone, startCapture } from './micCapture.ts';
import { describeMicrophoneError, microphoneSupportProblem } from './micErrors.ts';
import { OpfsWavWriter } from './opfsWavWriter.ts';
import { recordingFileName, recordingTitle } from './recordingNames.ts';
import { recorderActions, useRecorderStore } from './recorderStore.ts';

const REFUSALS: Record<LendRefusal, string> = {
  busy: 'A file is being transcribed. Press Record again when it is done, or cancel it first.',
  'no-model': 'No model is loaded, so nothing can be transcribed: load one under Model, then press Record.',
};

/** Record / Stop for the app's microphone: a recording is a job on the same engine as files. */
export class LiveRecorder {
  private stopRequest: AbortController | null = null;

  constructor(private readonly session: EngineSession) {}

  /** Records until stop() (or the status bar's Cancel); resolves when the transcript is final. */
  async start(): Promise<void> {
    if (useRecorderStore.getState().phase !== 'idle') return;
    const problem = microphoneSupportProblem({
      secureContext: isSecureContext,
      getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
      audioWorklet: typeof AudioWorkletNode === 'function',
    });
    if (problem !== null) {
      recorderActions.problem(problem);
      return;
    }
    const stop = new AbortController();
    this.stopRequest = stop;
    recorderActions.starting();
    try {
      const refusal = await this.session.lend((engine, signal) => this.record(stop.signal, (source) => runJob(source, engine, signal)));
      if (refusal !== null) recorderActions.problem(REFUSALS[refusal]);
    } finally {
      this.stopRequest = null;
      recorderActions.idle();
    }
  }

  stop(): void {
    this.stopRequest?.abort();
  }

  /** Deletes the kept recording from this browser's storage. */
  async deleteRecording(): Promise<void> {
    recorderActions.forgetRecording();
    await OpfsWavWriter.deleteAll();
  }

  private async record(stop: AbortSignal, run: (source: LiveSource) => Promise<void>): Promise<void> {
    if (stop.aborted) return;
    let stream: MediaStream;
    try {
      stream = await requestMicrophone();
    } catch (error) {
      // Nothing started: the status says why, and no job is shown.
      const message = describeMicrophoneError(error);
      recorderActions.problem(message);
      jobActions.setStatus('error', message);
      return;
    }
    const startedAt = new Date();
    const fileName = recordingFileName(startedAt);
    let savedNote: string | null = null;
    let writer: RecordingWriter | null = null;
    if (useRecorderStore.getState().keepRecording) {
      writer = await OpfsWavWriter.create(fileName).catch((error: unknown) => {
        savedNote = `This browser could not store the recording (${errorText(error)}), so it cannot be saved; the transcript works as usual.`;
        return null;
      });
    } else {
      await OpfsWavWriter.deleteAll().catch(() => {});
    }
    await run(
      new LiveSource({
        title: recordingTitle(startedAt),
        fileName,
        startCapture: (callbacks) => startCapture(stream, callbacks),
        writer,
        savedNote,
        stop,
        now: () => performance.now(),
      }),
    );
  }
}
