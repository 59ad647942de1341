/**
 * Kaiser-windowed sinc low-pass design (Kaiser's formulas, as in Oppenheim & Schafer 7.6): the
 * window's beta and length follow from the wanted stop-band attenuation and transition width.
 */

export interface LowPassSpec {
  /** -6 dB point, in cycles per input sample (0 < cutoff <= 0.5). */
  cutoff: number;
  /** Width of the band from pass to stop, in cycles per input sample. */
  transitionWidth: number;
  /** Stop-band attenuation in dB. */
  attenuationDb: number;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > sum * 1e-17; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Half the kernel's support, in input samples: the kernel is zero for |t| >= this. */
export function kernelHalfWidth(spec: LowPassSpec): number {
  const taps = (spec.attenuationDb - 7.95) / (2.285 * 2 * Math.PI * spec.transitionWidth) + 1;
  return Math.ceil(taps / 2);
}

/**
 * The continuous kernel at `t` input samples from its centre, for a kernel of `halfWidth`.
 * Its integral is 1, so summing it over input samples keeps the signal's level.
 */
export function windowedSinc(t: number, spec: LowPassSpec, halfWidth: number, beta: number): number {
  const r = t / halfWidth;
  if (r <= -1 || r >= 1) return 0;
  const x = 2 * spec.cutoff * t;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  return 2 * spec.cutoff * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta));
}
