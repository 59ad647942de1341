/** Largest absolute sample value. */
export function peakOf(samples: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = Math.abs(samples[i]);
    if (value > peak) peak = value;
  }
  return peak;
}

const FLOOR_DB = -60;

/**
 * A level meter's position (0..1) for a peak sample value: decibels from -60 dBFS to full scale,
 * because on a linear scale normal speech barely moves the bar.
 */
export function meterLevel(peak: number): number {
  if (!(peak > 0)) return 0;
  const db = 20 * Math.log10(Math.min(peak, 1));
  return Math.max(0, (db - FLOOR_DB) / -FLOOR_DB);
}

/** Index of the first sample louder than `threshold` (absolute value), or -1. */
export function firstSampleAbove(samples: ArrayLike<number>, threshold: number): number {
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]) > threshold) return i;
  return -1;
}
