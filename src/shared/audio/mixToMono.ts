/**
 * Mixes planar channels down to one, writing into `target` (which may be `channels[0]` itself).
 *
 * Stereo and other layouts average their channels. 5.1 follows the Web Audio API's speaker
 * down-mix (sqrt(1/2)·(L + R) + C + 1/2·(SL + SR), LFE dropped; channel order L, R, C, LFE, SL, SR
 * as decoders deliver it), which keeps dialogue, carried by the centre channel, at full level.
 */
export function mixToMono(channels: readonly Float32Array[], frames: number, target: Float32Array): Float32Array {
  const count = channels.length;
  if (count === 0) throw new RangeError('mixToMono: no channels');
  if (count === 6) {
    const [left, right, centre, , surroundLeft, surroundRight] = channels;
    for (let i = 0; i < frames; i++) {
      target[i] =
        Math.SQRT1_2 * (left[i] + right[i]) + centre[i] + 0.5 * (surroundLeft[i] + surroundRight[i]);
    }
    return target;
  }
  if (count === 1) {
    if (target !== channels[0]) target.set(channels[0].subarray(0, frames));
    return target;
  }
  const scale = 1 / count;
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < count; c++) sum += channels[c][i];
    target[i] = sum * scale;
  }
  return target;
}
