import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS, STRIDE_SECONDS_RANGE, WINDOW_SECONDS_RANGE, WINDOW_SETTINGS_ERROR } from '../protocol.ts';
import type { FrameGeometry } from './frameGeometry.ts';

/** A window or stride setting that cannot work; its message names the setting and its range. */
export class WindowSettingsError extends RangeError {
  override name = WINDOW_SETTINGS_ERROR;
}

function checkRange(setting: string, seconds: number, range: { min: number; max: number }, unit: string): void {
  if (!(seconds >= range.min && seconds <= range.max)) {
    throw new WindowSettingsError(`The ${setting} must be from ${range.min} to ${range.max} ${unit}; it is ${seconds} s.`);
  }
}

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
  checkRange('window', windowSeconds, WINDOW_SECONDS_RANGE, 'seconds');
  checkRange('stride', strideSeconds, STRIDE_SECONDS_RANGE, 'seconds on each side');
  const hop = geometry.hop;
  const windowSamples = Math.round((windowSeconds * sampleRate) / hop) * hop;
  const strideSamples = Math.round((strideSeconds * sampleRate) / hop) * hop;
  const stepSamples = windowSamples - 2 * strideSamples;
  if (stepSamples < hop) {
    throw new WindowSettingsError(
      `A ${windowSeconds} s window cannot have a ${strideSeconds} s stride on each side: the window must be longer than twice the stride.`,
    );
  }
  return { windowSamples, strideSamples, stepSamples, hop };
}
