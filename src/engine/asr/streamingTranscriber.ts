import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import type { TranscribedWord, TranscriptUpdate } from '../../shared/transcript.ts';
import type { CtcVocabulary } from './ctcVocabulary.ts';
import type { CtcDecoder, CtcDecoderFactory, FrameLogProbs } from './decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from './decoders/greedyCtcDecoder.ts';
import { framesForSamples, type FrameGeometry } from './frameGeometry.ts';
import type { ResumePlan } from './resumePlan.ts';
import type { WindowSettings } from './windowSettings.ts';

/** Log-probabilities of the frames asked for, and how many frames the whole window gave. */
export interface WindowLogProbs extends FrameLogProbs {
  readonly windowFrames: number;
}

/** A CTC acoustic model seen as a function from one fixed-size window to per-frame log-probabilities. */
export interface WindowModel {
  readonly geometry: FrameGeometry;
  readonly vocabulary: CtcVocabulary;
  /**
   * Runs one window of `window.length` samples, of which the first `validSamples` are audio and
   * the rest zero padding, and resolves to the log-probabilities of its frames [fromFrame,
   * toFrame) (counted from the window's start). Must not keep or modify `window`; the result may
   * be a reused buffer, valid until the next call.
   */
  logProbs(window: Float32Array, validSamples: number, fromFrame: number, toFrame: number): Promise<WindowLogProbs>;
}

/**
 * Chunked CTC transcription of a sample stream of unknown length.
 *
 * Windows of a fixed size advance by window − 2 × stride. Each window's frames on the global
 * frame grid are kept only between the strides (the first keeps its left edge, the last its right
 * edge), so every frame of the one-pass output is decoded exactly once, from the window where it
 * has the most context. The last window is zero-padded to full size so tensor shapes never change,
 * and its padded frames are dropped. Memory is one window, whatever the stream's length.
 */
export class StreamingTranscriber {
  private readonly window: Float32Array;
  private readonly decoder: CtcDecoder;
  private readonly framesPerWindow: number;
  private filled = 0;
  private windowStart = 0;
  private committedFrames = 0;
  private received = 0;
  private windowsRun = 0;

  constructor(
    private readonly model: WindowModel,
    private readonly settings: WindowSettings,
    decoder: CtcDecoderFactory = greedyCtcDecoder,
  ) {
    if (settings.hop !== model.geometry.hop) {
      throw new Error(`Window settings use a ${settings.hop}-sample hop but the model's is ${model.geometry.hop}.`);
    }
    this.window = new Float32Array(settings.windowSamples);
    this.framesPerWindow = framesForSamples(model.geometry, settings.windowSamples);
    this.decoder = decoder(model.vocabulary, settings.hop / SAMPLE_RATE);
  }

  /** Number of model runs so far (a test hook for bounded work). */
  get windowCount(): number {
    return this.windowsRun;
  }

  /**
   * Continues an interrupted stream (see planResume): the next sample pushed is `startSample` of
   * the stream, and frames before `fromFrame` count as committed already.
   */
  resumeAt({ startSample, fromFrame }: ResumePlan): void {
    this.reset();
    this.windowStart = startSample;
    this.received = startSample;
    this.committedFrames = fromFrame;
  }

  /** Forgets the stream so far (a cancelled or finished job) and keeps the window buffer. */
  reset(): void {
    this.decoder.flush();
    this.filled = 0;
    this.windowStart = 0;
    this.committedFrames = 0;
    this.received = 0;
  }

  async push(samples: Float32Array): Promise<TranscriptUpdate> {
    const words: TranscribedWord[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(samples.length - offset, this.window.length - this.filled);
      this.window.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      this.received += take;
      if (this.filled === this.window.length) {
        const keepTo = (this.windowStart + this.window.length - this.settings.strideSamples) / this.settings.hop;
        words.push(...(await this.decodeWindow(this.window.length, keepTo)));
        this.advance();
      }
    }
    return this.update(words);
  }

  /** Ends the stream: decodes the rest (the last, padded window) and closes the last word. */
  async finish(): Promise<TranscriptUpdate> {
    const totalFrames = framesForSamples(this.model.geometry, this.received);
    const words: TranscribedWord[] = [];
    if (totalFrames > this.committedFrames) {
      words.push(...(await this.decodeWindow(this.filled, totalFrames)));
    }
    words.push(...this.decoder.flush());
    const update = this.update(words);
    this.reset();
    return update;
  }

  /**
   * Tentative words past the committed edge, from all audio received so far, as if the stream
   * ended now. Commits nothing: later audio may revise them (live captions show them apart).
   */
  async preview(): Promise<TranscribedWord[]> {
    const totalFrames = framesForSamples(this.model.geometry, this.received);
    if (totalFrames <= this.committedFrames) return [];
    const firstFrame = this.windowStart / this.settings.hop;
    const frames = await this.model.logProbs(this.window, this.filled, this.committedFrames - firstFrame, totalFrames - firstFrame);
    this.windowsRun++;
    const decoder = this.decoder.clone();
    const words = decoder.push(frames, this.committedFrames);
    return [...words, ...decoder.flush()];
  }

  private async decodeWindow(validSamples: number, keepToFrame: number): Promise<TranscribedWord[]> {
    const firstFrame = this.windowStart / this.settings.hop;
    const frames = await this.model.logProbs(this.window, validSamples, this.committedFrames - firstFrame, keepToFrame - firstFrame);
    this.windowsRun++;
    if (frames.windowFrames !== this.framesPerWindow) {
      throw new Error(
        `The model returned ${frames.windowFrames} frames for a ${this.window.length}-sample window; its config implies ${this.framesPerWindow}.`,
      );
    }
    const words = this.decoder.push(frames, this.committedFrames);
    this.committedFrames = keepToFrame;
    return words;
  }

  private advance(): void {
    const { stepSamples } = this.settings;
    this.window.copyWithin(0, stepSamples);
    this.filled -= stepSamples;
    this.windowStart += stepSamples;
  }

  private update(words: TranscribedWord[]): TranscriptUpdate {
    return {
      words,
      pending: this.decoder.pendingWord(),
      committedSeconds: (this.committedFrames * this.settings.hop) / SAMPLE_RATE,
      receivedSeconds: this.received / SAMPLE_RATE,
    };
  }
}
