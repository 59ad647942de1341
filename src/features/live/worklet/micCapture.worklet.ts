// Runs on the audio rendering thread: no DOM, no allocation beyond one frame per ~40 ms.
import { MonoFrameBatcher } from './monoFrameBatcher.ts';
import { CAPTURE_PROCESSOR, type CaptureMessage, type StopCapture } from '../captureProtocol.ts';

// AudioWorkletGlobalScope, which TypeScript ships no library for.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** Frames of 40 ms: one message per ~300 render quanta would be needlessly chatty. */
const FRAME_SECONDS = 0.04;

class MicCaptureProcessor extends AudioWorkletProcessor {
  private readonly batcher = new MonoFrameBatcher(Math.round(sampleRate * FRAME_SECONDS));
  private stopped = false;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<StopCapture>) => {
      if (event.data.type === 'stop') this.stop();
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    for (const frame of this.batcher.push(inputs[0] ?? [])) this.post(frame);
    return true;
  }

  /** Hands over the partial last frame, then says nothing more will come. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const last = this.batcher.finish();
    if (last !== null) this.post(last);
    this.port.postMessage({ type: 'stopped' } satisfies CaptureMessage);
  }

  private post(samples: Float32Array): void {
    this.port.postMessage({ type: 'frame', samples } satisfies CaptureMessage, [samples.buffer]);
  }
}

registerProcessor(CAPTURE_PROCESSOR, MicCaptureProcessor);
