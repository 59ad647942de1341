import { MonoFrameBatcher } from '../../src/features/live/worklet/monoFrameBatcher.ts';

/** Feeds two channels as render quanta of 128 frames, as an AudioWorklet sees them. */
export function captureQuanta(left: Float32Array, right: Float32Array, frameSamples: number): Float32Array[] {
  const batcher = new MonoFrameBatcher(frameSamples);
  const frames: Float32Array[] = [];
  for (let at = 0; at < left.length; at += 128) {
    frames.push(...batcher.push([left.subarray(at, at + 128), right.subarray(at, at + 128)]));
  }
  const last = batcher.finish();
  if (last !== null) frames.push(last);
  return frames;
}
