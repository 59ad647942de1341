import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../protocol.ts';
import type { FrameGeometry } from './frameGeometry.ts';

/**
 * Window and stride in samples, both whole multiples of the frame hop so that every window
 * starts on the global frame grid and its frames line up with the one-pass frames.
 */
export interface WindowSettings {
  readonly windowSamples: number;
  /** Context dropped on each side of a window (left of all but the first, right of all but the last). */
  readonly strideSamples: number;
  /** How far consecutive windows advance: window - 2 × stride. */
  readonly stepSamples: number;
  readonly hop: number;
}

export function windowSettings(
  geometry: FrameGeometry,
  windowSeconds = DEFAULT_WINDOW_SECONDS,
  strideSeconds = DEFAULT_STRIDE_SECONDS,
  sampleRate = SAMPLE_RATE,
): WindowSettings {
  const hop = geometry.hop;
  const windowSamples = Math.round((windowSeconds * sampleRate) / hop) * hop;
  const strideSamples = Math.round((strideSeconds * sampleRate) / hop) * hop;
  const stepSamples = windowSamples - 2 * strideSamples;
  if (!(windowSamples > 0) || !(strideSamples >= 0) || !(stepSamples >= hop)) {
    throw new RangeError(
      `A ${windowSeconds} s window cannot have a ${strideSeconds} s stride on each side: the window must be longer than twice the stride.`,
    );
  }
  return { windowSamples, strideSamples, stepSamples, hop };
}
