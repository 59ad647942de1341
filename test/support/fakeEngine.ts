import type { JobSettings, PushResult, TranscriptUpdate } from '../../src/engine/protocol.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import type { JobEngine } from '../../src/jobs/runJob.ts';

/**
 * An engine without a model: every pushed chunk becomes one committed word named after its
 * order and timed by its samples, and a preview shows the word the next chunk would make. It
 * records every call, so tests can check what a job asked of the engine and in which order.
 */
export class FakeEngine implements JobEngine {
  readonly calls: string[] = [];
  settings: JobSettings | null = null;
  receivedSamples = 0;
  failPushAt: number | null = null;
  private pushes = 0;

  async startJob(settings: JobSettings): Promise<null> {
    this.calls.push('startJob');
    this.settings = settings;
    this.receivedSamples = 0;
    this.pushes = 0;
    return null;
  }

  /** Hands each chunk back, as the worker does. */
  async push(samples: Float32Array): Promise<PushResult> {
    this.calls.push('push');
    if (this.failPushAt === this.pushes) throw new Error('the runtime aborted');
    const start = this.receivedSamples / SAMPLE_RATE;
    this.receivedSamples += samples.length;
    this.pushes++;
    return { update: this.update([this.word(`W${this.pushes}`, start)]), spent: samples };
  }

  async preview(): Promise<TranscribedWord[]> {
    this.calls.push('preview');
    return [this.word(`P${this.pushes + 1}`, this.receivedSamples / SAMPLE_RATE)];
  }

  async finish(): Promise<TranscriptUpdate> {
    this.calls.push('finish');
    return this.update([]);
  }

  private word(text: string, start: number): TranscribedWord {
    return { text, start, end: start + 0.1, confidence: 0.9 };
  }

  private update(words: TranscribedWord[]): TranscriptUpdate {
    const seconds = this.receivedSamples / SAMPLE_RATE;
    return { words, pending: null, committedSeconds: seconds, receivedSeconds: seconds };
  }
}
