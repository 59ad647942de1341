import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import type { WindowSettings } from './windowSettings.ts';

/**
 * Audio whose peak stays below this level (dBFS) counts as silence. Digital silence and the noise
 * floor of a quiet recording lie below it; speech recorded at any usable level peaks 30 dB or more
 * above it, and a peak rather than a mean keeps a block that holds a single louder sample (a
 * click, a plosive's burst) on the side of decoding.
 */
export const SILENCE_PEAK_DBFS = -50;

/**
 * Silence decoded on each side of a skipped stretch: a word at the stretch's edge is decoded
 * from frames that reach this far into the silence, whose first and last characters CTC may emit
 * a few frames after or before the sound.
 */
export const SILENCE_MARGIN_SECONDS = 0.3;

/**
 * The shortest stretch skipped, whatever the stride: no word holds a second of silence, so a
 * stretch this long ends the word before it (the decoder is closed there).
 */
export const MIN_SILENCE_SECONDS = 1;

/** The silence rule of one job, in samples on the global frame grid. */
export interface SilenceRule {
  /** Peak amplitude (full scale 1) a silent block stays below. */
  readonly level: number;
  /** Samples of silence kept on each side of a skipped stretch (whole frames). */
  readonly marginSamples: number;
  /**
   * The length a silent stretch must have reached when a window fills for it to be skipped:
   * the stride plus the margin, at least MIN_SILENCE_SECONDS. Then the window's usual committed
   * edge (its end minus the stride) lies at least the margin inside the stretch, so the frames
   * it commits are exactly those of a run that skips nothing, and a resumed run finds every
   * committed edge on a window's edge.
   */
  readonly minSamples: number;
}

export function silenceRule(settings: WindowSettings, sampleRate = SAMPLE_RATE): SilenceRule {
  const { hop, strideSamples } = settings;
  const marginSamples = Math.round((SILENCE_MARGIN_SECONDS * sampleRate) / hop) * hop;
  return {
    level: 10 ** (SILENCE_PEAK_DBFS / 20),
    marginSamples,
    minSamples: Math.max(Math.ceil((MIN_SILENCE_SECONDS * sampleRate) / hop) * hop, strideSamples + marginSamples),
  };
}

/**
 * Follows the current run of silent blocks. The caller feeds every sample once, in order, and
 * ends each block where the global frame grid does, so runs start on frame edges.
 */
export class SilenceTracker {
  private peak = 0;
  /** First sample of the current run of silent blocks, or null when the last block held sound. */
  runStart: number | null = null;

  constructor(private readonly level: number) {}

  feed(samples: Float32Array, from: number, to: number): void {
    let peak = this.peak;
    for (let i = from; i < to; i++) {
      const magnitude = Math.abs(samples[i]);
      if (magnitude > peak) peak = magnitude;
    }
    this.peak = peak;
  }

  /** Ends the block that began at sample `blockStart`; says whether it was silent. */
  endBlock(blockStart: number): boolean {
    const silent = this.peak < this.level;
    this.peak = 0;
    if (!silent) this.runStart = null;
    else if (this.runStart === null) this.runStart = blockStart;
    return silent;
  }

  reset(): void {
    this.peak = 0;
    this.runStart = null;
  }
}
