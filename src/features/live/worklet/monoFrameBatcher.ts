import { ChunkAssembler } from '../../../shared/audio/chunkAssembler.ts';
import { mixToMono } from '../../../shared/audio/mixToMono.ts';

/**
 * Turns the audio thread's render quanta (128 frames of planar channels) into mono frames of a
 * fixed length, so the capture posts one message per frame (tens of milliseconds) rather than
 * one per quantum.
 */
export class MonoFrameBatcher {
  private readonly assembler: ChunkAssembler;
  private mono = new Float32Array(128);

  constructor(frameSamples: number) {
    this.assembler = new ChunkAssembler(frameSamples);
  }

  /** Adds one quantum; returns the frames it completed. No channels (no input yet) adds nothing. */
  push(channels: readonly Float32Array[]): Float32Array[] {
    if (channels.length === 0) return [];
    const frames = channels[0].length;
    if (this.mono.length < frames) this.mono = new Float32Array(frames);
    return this.assembler.push(mixToMono(channels, frames, this.mono).subarray(0, frames));
  }

  /** The last, partial frame, or null. */
  finish(): Float32Array | null {
    return this.assembler.finish();
  }
}
