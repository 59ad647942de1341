import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import type { TranscribedWord, TranscriptUpdate } from '../../shared/transcript.ts';
import { planResume } from '../asr/resumePlan.ts';
import { StreamingTranscriber, type WindowModel } from '../asr/streamingTranscriber.ts';
import type { NgramLanguageModel } from '../asr/languageModel/ngramLanguageModel.ts';
import { windowSettings } from '../asr/windowSettings.ts';
import type { JobSettings, ResumeStart, SavedStream } from '../protocol.ts';
import { decoderFor } from './decoderFor.ts';

/**
 * The engine's jobs on one loaded model: one stream at a time, its window buffer reused by every
 * job with the same settings (so memory stays flat), and the counters the memory panel shows.
 */
export class EngineJobs {
  private transcriber: StreamingTranscriber | null = null;
  private transcriberSettings = '';
  private windowsOfEarlierTranscribers = 0;
  private samplesBeingPushed = 0;
  /** Samples in one window of the current settings (0 before the first job). */
  windowSamples = 0;
  /** The most samples of audio held at once: the window plus chunks being pushed. */
  maxHeldSamples = 0;

  constructor(
    private readonly model: WindowModel,
    /** The language model beam searches may use, or null. */
    private readonly languageModel: () => NgramLanguageModel | null = () => null,
  ) {}

  /** Bumped by the worker whenever another language model is loaded. */
  languageModelSerial = 0;

  /** Samples of audio held now: the window buffer (kept between jobs) plus chunks being pushed. */
  get heldSamples(): number {
    return this.windowSamples + this.samplesBeingPushed;
  }

  get windowsRun(): number {
    return this.windowsOfEarlierTranscribers + (this.transcriber?.windowCount ?? 0);
  }

  startJob(settings: JobSettings, resume?: SavedStream): ResumeStart | null {
    const windows = windowSettings(this.model.geometry, settings.windowSeconds, settings.strideSeconds);
    // A language model loaded since the last job counts as another decoder.
    const key = JSON.stringify([settings.windowSeconds, settings.strideSeconds, settings.decoder ?? null, this.languageModelSerial]);
    if (this.transcriber === null || key !== this.transcriberSettings) {
      this.windowsOfEarlierTranscribers = this.windowsRun;
      this.transcriber = new StreamingTranscriber(this.model, windows, decoderFor(settings.decoder, this.languageModel()));
      this.transcriberSettings = key;
      this.windowSamples = windows.windowSamples;
    } else {
      this.transcriber.reset();
    }
    if (resume === undefined) return null;
    const plan = planResume(windows, resume, SAMPLE_RATE);
    this.transcriber.resumeAt(plan);
    return { startSeconds: plan.startSample / SAMPLE_RATE, keepWordsStartingBefore: (plan.fromFrame * windows.hop) / SAMPLE_RATE };
  }

  async push(samples: Float32Array): Promise<TranscriptUpdate> {
    const transcriber = this.running();
    // Pushes that overlap (a page that does not wait) would pile up here: the counter shows it.
    this.samplesBeingPushed += samples.length;
    this.maxHeldSamples = Math.max(this.maxHeldSamples, this.windowSamples + this.samplesBeingPushed);
    try {
      return await transcriber.push(samples);
    } finally {
      this.samplesBeingPushed -= samples.length;
    }
  }

  preview(): Promise<TranscribedWord[]> {
    return this.running().preview();
  }

  finish(): Promise<TranscriptUpdate> {
    return this.running().finish();
  }

  private running(): StreamingTranscriber {
    if (this.transcriber === null) throw new Error('No transcription job is running.');
    return this.transcriber;
  }
}
