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

export interface ConvConfig {
  conv_kernel?: number[];
  conv_stride?: number[];
}

const WAV2VEC2_KERNELS = [10, 3, 3, 3, 3, 2, 2];
const WAV2VEC2_STRIDES = [5, 2, 2, 2, 2, 2, 2];

export function frameGeometryFromConfig(config: ConvConfig): FrameGeometry {
  const kernels = config.conv_kernel ?? WAV2VEC2_KERNELS;
  const strides = config.conv_stride ?? WAV2VEC2_STRIDES;
  if (kernels.length !== strides.length || kernels.length === 0) {
    throw new Error(`Model config has ${kernels.length} conv kernels but ${strides.length} conv strides.`);
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
