import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import type { TranscribedWord, TranscriptUpdate } from '../../shared/transcript.ts';
import type { CtcVocabulary } from './ctcVocabulary.ts';
import type { CtcDecoder, CtcDecoderFactory, FrameLogProbs } from './decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from './decoders/greedyCtcDecoder.ts';
import { framesForSamples, type FrameGeometry } from './frameGeometry.ts';
import type { ResumePlan } from './resumePlan.ts';
import { silenceRule, SilenceTracker, type SilenceRule } from './silentStretches.ts';
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
   * True when every run must have the same input shape (a backend that compiles and allocates
   * per shape): the stream's last window is then zero-padded to full size. Otherwise it runs at
   * its own length, which costs less and gives its frames what a one-pass run would see.
   */
  readonly fixedShape?: boolean;
  /**
   * Runs one window of `window.length` samples, of which the first `validSamples` are audio and
   * the rest zero padding, and resolves to the log-probabilities of its frames [fromFrame,
   * toFrame) (counted from the window's start). `window` is shorter than a full window for the
   * stream's last one unless `fixedShape`. Must not keep or modify `window`; the result may be a
   * reused buffer, valid until the next call.
   */
  logProbs(window: Float32Array, validSamples: number, fromFrame: number, toFrame: number): Promise<WindowLogProbs>;
}

/**
 * Chunked CTC transcription of a sample stream of unknown length.
 *
 * Windows of a fixed size advance by window − 2 × stride. Each window's frames on the global
 * frame grid are kept only between the strides (the first keeps its left edge, the last its right
 * edge), so every frame of the one-pass output is decoded exactly once, from the window where it
 * has the most context. The last window runs at its own length, or zero-padded to full size for a
 * model that needs one shape (its padded frames are dropped). Memory is one window, whatever the
 * stream's length.
 *
 * Silence is not decoded (silentStretches.ts). When a window fills while a silent stretch at
 * least `minSamples` long is running, it commits its frames as usual, the decoder is closed (a
 * word ends there) and the stream is skipped, keeping only the last margin + stride of it, until
 * a block holds sound. The next window starts margin + stride before that block and keeps its
 * frames from the margin on, as any window keeps them after its stride, so windows stay on the
 * global frame grid and word times are exact. The stream's start counts as inside a silence:
 * leading silence is skipped the same way.
 */
export class StreamingTranscriber {
  private readonly window: Float32Array;
  private readonly decoder: CtcDecoder;
  private readonly silence: SilenceRule;
  private readonly tracker: SilenceTracker;
  private filled = 0;
  private windowStart = 0;
  private committedFrames = 0;
  /**
   * The committed edge as reported: always the edge of a window the stream ran (or, while
   * skipping, that edge moved on by whole steps), so that planResume finds the windows again.
   */
  private reportedFrames = 0;
  private received = 0;
  private windowsRun = 0;
  private skipping = true;
  /** Where the stretch being skipped stopped going through the model. */
  private skipFrom = 0;
  private samplesSkipped = 0;

  constructor(
    private readonly model: WindowModel,
    private readonly settings: WindowSettings,
    decoder: CtcDecoderFactory = greedyCtcDecoder,
  ) {
    if (settings.hop !== model.geometry.hop) {
      throw new Error(`Window settings use a ${settings.hop}-sample hop but the model's is ${model.geometry.hop}.`);
    }
    this.window = new Float32Array(settings.windowSamples);
    this.decoder = decoder(model.vocabulary, settings.hop / SAMPLE_RATE);
    this.silence = silenceRule(settings);
    this.tracker = new SilenceTracker(this.silence.level);
  }

  /** Number of model runs so far (a test hook for bounded work). */
  get windowCount(): number {
    return this.windowsRun;
  }

  /** Seconds of audio skipped as silence without a model run, over every stream so far. */
  get skippedSeconds(): number {
    return this.samplesSkipped / SAMPLE_RATE;
  }

  /**
   * Continues an interrupted stream (see planResume): the next sample pushed is `startSample` of
   * the stream, and frames before `fromFrame` count as committed already. A resumed stream starts
   * inside a window of the unbroken run, not after a silence, unless it starts over.
   */
  resumeAt({ startSample, fromFrame }: ResumePlan): void {
    this.reset();
    this.windowStart = startSample;
    this.received = startSample;
    this.committedFrames = fromFrame;
    this.reportedFrames = fromFrame;
    this.skipping = startSample === 0;
    this.skipFrom = startSample;
  }

  /** Forgets the stream so far (a cancelled or finished job) and keeps the window buffer. */
  reset(): void {
    this.decoder.flush();
    this.tracker.reset();
    this.filled = 0;
    this.windowStart = 0;
    this.committedFrames = 0;
    this.reportedFrames = 0;
    this.received = 0;
    this.skipping = true;
    this.skipFrom = 0;
  }

  async push(samples: Float32Array): Promise<TranscriptUpdate> {
    const words: TranscribedWord[] = [];
    const { hop } = this.settings;
    let offset = 0;
    while (offset < samples.length) {
      // Pieces end where blocks (frames of the global grid) and the window end.
      const take = Math.min(samples.length - offset, this.window.length - this.filled, hop - (this.received % hop));
      this.window.set(samples.subarray(offset, offset + take), this.filled);
      this.tracker.feed(samples, offset, offset + take);
      this.filled += take;
      offset += take;
      this.received += take;
      if (this.received % hop === 0 && this.blockEnded()) words.push(...(await this.windowFilled()));
    }
    return this.update(words);
  }

  /** Ends the stream: decodes the rest (the last window) and closes the last word. */
  async finish(): Promise<TranscriptUpdate> {
    const totalFrames = framesForSamples(this.model.geometry, this.received);
    const words: TranscribedWord[] = [];
    if (this.skipping) {
      this.samplesSkipped += this.received - this.skipFrom;
    } else if (totalFrames > this.committedFrames) {
      words.push(...(await this.decodeWindow(this.filled, totalFrames)));
    }
    words.push(...this.decoder.flush());
    this.committedFrames = Math.max(this.committedFrames, totalFrames);
    this.reportedFrames = this.committedFrames;
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
    if (this.skipping || totalFrames <= this.committedFrames) return [];
    const firstFrame = this.windowStart / this.settings.hop;
    const frames = await this.model.logProbs(this.window, this.filled, this.committedFrames - firstFrame, totalFrames - firstFrame);
    this.windowsRun++;
    const decoder = this.decoder.clone();
    const words = decoder.push(frames, this.committedFrames);
    return [...words, ...decoder.flush()];
  }

  /** Follows the silence at the end of a block; says whether a window is full and must run. */
  private blockEnded(): boolean {
    const { hop, strideSamples, stepSamples } = this.settings;
    const { marginSamples } = this.silence;
    const blockStart = this.received - hop;
    const silent = this.tracker.endBlock(blockStart);
    if (!this.skipping) return this.filled === this.window.length;
    if (silent) {
      // Frames up to a margin before the newest block will not be decoded: the reported edge
      // moves on through them, by whole steps from the last window's edge.
      const stepFrames = stepSamples / hop;
      const settled = (this.received - marginSamples) / hop;
      this.reportedFrames += Math.max(0, Math.floor((settled - this.reportedFrames) / stepFrames)) * stepFrames;
      if (this.filled === this.window.length) this.keepFrom(this.received - marginSamples - strideSamples);
    } else {
      const start = Math.max(this.windowStart, blockStart - marginSamples - strideSamples);
      this.samplesSkipped += Math.max(0, start - this.skipFrom);
      this.keepFrom(start);
      this.committedFrames = Math.max(this.committedFrames, (blockStart - marginSamples) / hop);
      this.skipping = false;
    }
    return false;
  }

  /** Runs the full window; then skips the silence it ends in, or advances by a step. */
  private async windowFilled(): Promise<TranscribedWord[]> {
    const { hop, strideSamples, stepSamples } = this.settings;
    const { marginSamples, minSamples } = this.silence;
    const words = await this.decodeWindow(this.window.length, (this.windowStart + this.window.length - strideSamples) / hop);
    this.reportedFrames = this.committedFrames;
    const runStart = this.tracker.runStart;
    if (runStart !== null && this.received - runStart >= minSamples) {
      words.push(...this.decoder.flush());
      this.skipping = true;
      this.skipFrom = this.received;
      this.keepFrom(this.received - marginSamples - strideSamples);
    } else {
      this.keepFrom(this.windowStart + stepSamples);
    }
    return words;
  }

  private async decodeWindow(validSamples: number, keepToFrame: number): Promise<TranscribedWord[]> {
    if (keepToFrame <= this.committedFrames) return [];
    const firstFrame = this.windowStart / this.settings.hop;
    const runSamples = this.model.fixedShape ? this.window.length : validSamples;
    const window = this.window.subarray(0, runSamples);
    const frames = await this.model.logProbs(window, validSamples, this.committedFrames - firstFrame, keepToFrame - firstFrame);
    this.windowsRun++;
    const expectedFrames = framesForSamples(this.model.geometry, runSamples);
    if (frames.windowFrames !== expectedFrames) {
      throw new Error(`The model returned ${frames.windowFrames} frames for a ${runSamples}-sample window; its config implies ${expectedFrames}.`);
    }
    const words = this.decoder.push(frames, this.committedFrames);
    this.committedFrames = keepToFrame;
    return words;
  }

  /** Drops the buffered audio before stream sample `start` (at or after the window's start). */
  private keepFrom(start: number): void {
    const drop = start - this.windowStart;
    if (drop <= 0) return;
    this.window.copyWithin(0, drop, this.filled);
    this.filled -= drop;
    this.windowStart = start;
  }

  private update(words: TranscribedWord[]): TranscriptUpdate {
    return {
      words,
      pending: this.decoder.pendingWord(),
      committedSeconds: (this.reportedFrames * this.settings.hop) / SAMPLE_RATE,
      receivedSeconds: this.received / SAMPLE_RATE,
    };
  }
}
