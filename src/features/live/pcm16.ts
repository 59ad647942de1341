/**
 * 16-bit PCM is the one form the microphone's audio takes after conversion: it is what the saved
 * recording holds and, read back, what the engine transcribes, so a recording dropped later as a
 * file gives the very same samples (a WAV decoder reads 16-bit PCM as value / 32768).
 */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const scaled = Math.round(samples[i] * 32768);
    pcm[i] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
  }
  return pcm;
}

export function pcm16ToFloat(pcm: Int16Array): Float32Array {
  const samples = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;
  return samples;
}
