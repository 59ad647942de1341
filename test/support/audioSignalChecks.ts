// Pure signal checks for decoded tone audio (../shared/audio/tones, encoded as in
// ../shared/models/tone-ctc/tones.json). They run inside the page in the browser tests and in
// Node in the unit tests, so they import nothing.

export interface ToneCode {
  tones_hz: Record<string, number>;
  tone_seconds: number;
  gap_seconds: number;
  lead_silence_seconds: number;
}

/** Power of `samples[start, start + length)` at `frequency`, under a Hann window. */
export function tonePower(samples: Float32Array, start: number, length: number, frequency: number, rate: number): number {
  const step = (2 * Math.PI * frequency) / rate;
  let re = 0;
  let im = 0;
  for (let i = 0; i < length; i++) {
    const weight = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / length);
    const value = (samples[start + i] ?? 0) * weight;
    re += value * Math.cos(step * i);
    im -= value * Math.sin(step * i);
  }
  return re * re + im * im;
}

/**
 * Reads `count` symbols from tone audio at `rate`: in the middle of each symbol's tone, the tone
 * with the most power wins if it has at least `dominance` times the power of the runner-up;
 * otherwise the slot reads '?'. Word gaps are '|', as the code has them.
 */
export function readToneSymbols(samples: Float32Array, rate: number, code: ToneCode, count: number, dominance = 10): string {
  const symbols = Object.entries(code.tones_hz);
  const slotSeconds = code.tone_seconds + code.gap_seconds;
  const margin = code.tone_seconds / 6;
  const length = Math.round((code.tone_seconds - 2 * margin) * rate);
  let text = '';
  for (let k = 0; k < count; k++) {
    const start = Math.round((code.lead_silence_seconds + k * slotSeconds + margin) * rate);
    let best = '?';
    let bestPower = 0;
    let secondPower = 0;
    for (const [symbol, frequency] of symbols) {
      const power = tonePower(samples, start, length, frequency, rate);
      if (power > bestPower) {
        secondPower = bestPower;
        bestPower = power;
        best = symbol;
      } else if (power > secondPower) {
        secondPower = power;
      }
    }
    text += bestPower > 0 && bestPower >= dominance * secondPower ? best : '?';
  }
  return text;
}

/** The symbols a text is encoded as: each space is a '|'. */
export function toneSymbolsOf(text: string): string {
  return text.replaceAll(' ', '|');
}

/**
 * The shift of `signal` against `reference` (positive: `signal` is late) within ±maxLag that
 * maximises their normalised correlation over `reference[start, start + length)`.
 */
export function bestLag(
  signal: Float32Array,
  reference: Float32Array,
  start: number,
  length: number,
  maxLag: number,
): { lag: number; correlation: number } {
  let best = { lag: 0, correlation: -Infinity };
  let referenceEnergy = 0;
  for (let i = start; i < start + length; i++) referenceEnergy += reference[i] * reference[i];
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let product = 0;
    let signalEnergy = 0;
    for (let i = start; i < start + length; i++) {
      const value = signal[i + lag] ?? 0;
      product += value * reference[i];
      signalEnergy += value * value;
    }
    const correlation = product / Math.sqrt(referenceEnergy * signalEnergy || 1);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}

/** Largest absolute sample in [start, end). */
export function peakAbs(samples: Float32Array, start: number, end: number): number {
  let peak = 0;
  for (let i = start; i < Math.min(end, samples.length); i++) peak = Math.max(peak, Math.abs(samples[i]));
  return peak;
}
