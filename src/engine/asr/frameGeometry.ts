/**
 * Maps between audio samples and logits frames for a Wav2Vec2-style conv feature encoder.
 * The hop (samples per frame) is the product of the conv strides; the frame count follows
 * the conv arithmetic exactly, so it can be checked against the real logits length.
 */
export interface FrameGeometry {
  readonly kernels: readonly number[];
  readonly strides: readonly number[];
  /** Samples between two consecutive frames (320 for wav2vec2 at 16 kHz). */
  readonly hop: number;
}

/** The conv layout as a model's config.json states it: anything, until checked. */
export interface ConvConfig {
  conv_kernel?: unknown;
  conv_stride?: unknown;
}

// Wav2Vec2Config's defaults (wav2vec2-base), for a config that leaves the keys out.
const WAV2VEC2_KERNELS = [10, 3, 3, 3, 3, 2, 2];
const WAV2VEC2_STRIDES = [5, 2, 2, 2, 2, 2, 2];

function convLayers(key: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`${key} must list one positive whole number per conv layer; it is ${JSON.stringify(value) ?? 'undefined'}`);
  }
  return value as number[];
}

/**
 * The encoder's geometry from its config. Zero, negative, fractional or missing layer values are
 * refused: they would make every timestamp wrong (or divide by zero) without any error.
 */
export function frameGeometryFromConfig(config: ConvConfig): FrameGeometry {
  const kernels = convLayers('conv_kernel', config.conv_kernel === undefined ? WAV2VEC2_KERNELS : config.conv_kernel);
  const strides = convLayers('conv_stride', config.conv_stride === undefined ? WAV2VEC2_STRIDES : config.conv_stride);
  if (kernels.length !== strides.length) {
    throw new Error(`it lists ${kernels.length} conv kernels but ${strides.length} conv strides, where each conv layer needs one of each`);
  }
  return { kernels, strides, hop: strides.reduce((a, b) => a * b, 1) };
}

/** Number of logits frames the encoder produces for `samples` input samples. */
export function framesForSamples(geometry: FrameGeometry, samples: number): number {
  let length = samples;
  for (let i = 0; i < geometry.kernels.length; i++) {
    if (length < geometry.kernels[i]) return 0;
    length = Math.floor((length - geometry.kernels[i]) / geometry.strides[i]) + 1;
  }
  return length;
}
