/**
 * Zero-mean, unit-variance normalisation as Wav2Vec2FeatureExtractor does it, computed over the
 * first `validSamples` only and written in place; the rest (padding) is zeroed, which is the
 * padding value the feature extractor uses after normalising.
 */
export function normalizeInPlace(buffer: Float32Array, validSamples: number): void {
  let sum = 0;
  for (let i = 0; i < validSamples; i++) sum += buffer[i];
  const mean = validSamples > 0 ? sum / validSamples : 0;
  let squares = 0;
  for (let i = 0; i < validSamples; i++) {
    const d = buffer[i] - mean;
    squares += d * d;
  }
  const scale = 1 / Math.sqrt((validSamples > 0 ? squares / validSamples : 0) + 1e-7);
  for (let i = 0; i < validSamples; i++) buffer[i] = (buffer[i] - mean) * scale;
  buffer.fill(0, validSamples);
}
