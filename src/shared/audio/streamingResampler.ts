import { kaiserBeta, kernelHalfWidth, windowedSinc, type LowPassSpec } from './windowedSincKernel.ts';

/** Stop-band attenuation: aliases end up ~80 dB down, under 16-bit noise at normal levels. */
const ATTENUATION_DB = 80;

/**
 * Rates with a small ratio (44.1k→16k is 160/441) get one exact filter per output phase. Odd rates
 * (e.g. 44056 Hz) would need thousands; they share this many, and each output uses the nearest one,
 * at most 1/2048 of an input sample off.
 */
const MAX_PHASES = 1024;

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The anti-aliasing (downsampling) or anti-imaging (upsampling) low-pass for a rate pair. Going
 * down, the stop band starts at the output's Nyquist frequency, so nothing folds back into the band
 * (16 kHz out: flat to 6.4 kHz, -80 dB from 8 kHz). Going up, the transition is centred on the
 * input's Nyquist frequency, so the band of the input is kept nearly whole (8 kHz in: flat to 3.6 kHz).
 */
export function lowPassFor(inputRate: number, outputRate: number): LowPassSpec {
  const lowerRate = Math.min(inputRate, outputRate);
  const cutoffHz = outputRate < inputRate ? 0.45 * lowerRate : 0.5 * lowerRate;
  return {
    cutoff: cutoffHz / inputRate,
    transitionWidth: (0.1 * lowerRate) / inputRate,
    attenuationDb: ATTENUATION_DB,
  };
}

/**
 * Polyphase windowed-sinc resampler for a mono stream fed in pieces of any size.
 *
 * Output sample n sits at input position n·in/out exactly (integer bookkeeping, no drift) and is
 * computed from the same taps and the same inputs whatever the piece boundaries, so the output of
 * a stream fed in pieces equals, bit for bit, the output of the same stream fed at once. The
 * filter is centred (no delay): the signal before the first sample and after the last counts as
 * silence, and flush() completes the stream to ceil(inputLength·out/in) samples.
 */
export class StreamingResampler {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Outputs per `inputStep` inputs, in lowest terms. */
  private readonly outputStep: number;
  private readonly inputStep: number;
  private readonly phaseCount: number;
  private readonly halfWidth: number;
  private readonly taps: number;
  /** phaseCount + 1 rows of `taps` coefficients; row p is for an output p/phaseCount past an input sample. */
  private readonly coefficients: Float64Array;

  /** Input samples from absolute index `historyStart` on; before index 0 they are the zero prelude. */
  private history: Float32Array;
  private historyStart: number;
  private historyLength: number;
  private inputCount = 0;
  private outputCount = 0;
  /** Position of the next output: input index `whole` plus `remainder / outputStep`. */
  private whole = 0;
  private remainder = 0;
  private flushed = false;

  constructor(inputRate: number, outputRate: number) {
    if (!(Number.isInteger(inputRate) && inputRate > 0 && Number.isInteger(outputRate) && outputRate > 0)) {
      throw new RangeError(`Sample rates must be positive integers, got ${inputRate} and ${outputRate}`);
    }
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    const divisor = greatestCommonDivisor(inputRate, outputRate);
    this.outputStep = outputRate / divisor;
    this.inputStep = inputRate / divisor;
    this.phaseCount = Math.min(this.outputStep, MAX_PHASES);

    if (inputRate === outputRate) {
      // One tap of weight 1: the general path then copies samples exactly.
      this.halfWidth = 1;
      this.taps = 2;
      this.coefficients = new Float64Array([1, 0, 0, 1]);
    } else {
      const spec = lowPassFor(inputRate, outputRate);
      this.halfWidth = kernelHalfWidth(spec);
      this.taps = 2 * this.halfWidth;
      this.coefficients = this.designPhases(spec);
    }

    this.historyStart = -(this.halfWidth - 1);
    this.historyLength = this.halfWidth - 1;
    this.history = new Float32Array(Math.max(4096, 4 * this.taps));
  }

  private designPhases(spec: LowPassSpec): Float64Array {
    const { phaseCount, taps, halfWidth } = this;
    const beta = kaiserBeta(spec.attenuationDb);
    const coefficients = new Float64Array((phaseCount + 1) * taps);
    for (let phase = 0; phase <= phaseCount; phase++) {
      const fraction = phase / phaseCount;
      const row = phase * taps;
      let sum = 0;
      for (let j = 0; j < taps; j++) {
        const value = windowedSinc(fraction + halfWidth - 1 - j, spec, halfWidth, beta);
        coefficients[row + j] = value;
        sum += value;
      }
      // Exact unity gain at DC in every phase, so a constant input gives a constant output.
      for (let j = 0; j < taps; j++) coefficients[row + j] /= sum;
    }
    return coefficients;
  }

  /** Feeds the next input samples; returns every output sample they complete (possibly none). */
  process(input: Float32Array): Float32Array {
    if (this.flushed) throw new Error('StreamingResampler: process() after flush()');
    this.append(input);
    this.inputCount += input.length;
    return this.drain(Infinity);
  }

  /** Ends the stream: returns the remaining output, computed as if silence followed the input. */
  flush(): Float32Array {
    if (this.flushed) return new Float32Array(0);
    this.flushed = true;
    this.append(new Float32Array(this.halfWidth));
    const total = Math.ceil((this.inputCount * this.outputStep) / this.inputStep);
    return this.drain(total - this.outputCount);
  }

  private append(input: Float32Array): void {
    const needed = this.historyLength + input.length;
    if (needed > this.history.length) {
      const grown = new Float32Array(Math.max(needed, 2 * this.history.length));
      grown.set(this.history.subarray(0, this.historyLength));
      this.history = grown;
    }
    this.history.set(input, this.historyLength);
    this.historyLength = needed;
  }

  private drain(limit: number): Float32Array {
    const { outputStep, inputStep, halfWidth, taps, coefficients, history, phaseCount } = this;
    // Output n needs inputs up to floor(n·inputStep/outputStep) + halfWidth.
    const lastInput = this.historyStart + this.historyLength - 1;
    const lastComputable = Math.floor(((lastInput - halfWidth + 1) * outputStep - 1) / inputStep);
    const count = Math.max(0, Math.min(limit, lastComputable - this.outputCount + 1));
    const output = new Float32Array(count);
    const exactPhases = phaseCount === outputStep;

    let whole = this.whole;
    let remainder = this.remainder;
    for (let i = 0; i < count; i++) {
      const phase = exactPhases ? remainder : Math.round((remainder * phaseCount) / outputStep);
      const row = phase * taps;
      const first = whole - halfWidth + 1 - this.historyStart;
      let sum = 0;
      for (let j = 0; j < taps; j++) sum += coefficients[row + j] * history[first + j];
      output[i] = sum;

      remainder += inputStep;
      if (remainder >= outputStep) {
        whole += Math.floor(remainder / outputStep);
        remainder %= outputStep;
      }
    }
    this.whole = whole;
    this.remainder = remainder;
    this.outputCount += count;

    // Keep only what the next output can still reach.
    const drop = Math.min(whole - halfWidth + 1 - this.historyStart, this.historyLength);
    if (drop > 0) {
      history.copyWithin(0, drop, this.historyLength);
      this.historyStart += drop;
      this.historyLength -= drop;
    }
    return output;
  }
}
