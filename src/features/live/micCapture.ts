import { CAPTURE_PROCESSOR, type CaptureMessage, type StopCapture } from './captureProtocol.ts';
import workletUrl from './worklet/micCapture.worklet.ts?worker&url';

/** A speech model wants the raw signal: voice-call processing (gain riding, noise gating) alters it. */
const RAW_AUDIO: MediaTrackConstraints = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };

/** Asks for the microphone (the browser's permission prompt); rejects with a DOMException. */
export function requestMicrophone(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: RAW_AUDIO });
}

export interface CaptureCallbacks {
  /** A mono frame at `sampleRate` (the device's rate), in order; the caller owns it. */
  onFrame(samples: Float32Array, sampleRate: number): void;
  /** The device went away: unplugged, or access revoked. */
  onEnded(): void;
}

export interface MicCapture {
  /** Stops the microphone; resolves once the last frame has been handed to onFrame. */
  stop(): Promise<void>;
}

/** How long stop() waits for the audio thread's last frame: a suspended context never sends it. */
const STOP_TIMEOUT_MS = 1000;

/** Captures `stream` through an AudioWorklet; the stream's tracks are stopped by stop() or on failure. */
export async function startCapture(stream: MediaStream, callbacks: CaptureCallbacks): Promise<MicCapture> {
  const [track] = stream.getAudioTracks();
  // At the device's own rate, so that the browser does not resample before the app does.
  const context = new AudioContext({ sampleRate: track.getSettings().sampleRate, latencyHint: 'interactive' });
  const release = () => {
    for (const t of stream.getTracks()) t.stop();
    void context.close();
  };
  try {
    await context.audioWorklet.addModule(workletUrl);
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 0 });
    let lastFrameDelivered = () => {};
    const stopped = new Promise<void>((resolve) => (lastFrameDelivered = resolve));
    node.port.onmessage = (event: MessageEvent<CaptureMessage>) => {
      if (event.data.type === 'frame') callbacks.onFrame(event.data.samples, context.sampleRate);
      else lastFrameDelivered();
    };
    const source = context.createMediaStreamSource(stream);
    source.connect(node);
    track.addEventListener('ended', () => callbacks.onEnded(), { once: true });
    if (context.state === 'suspended') await context.resume();
    return {
      async stop() {
        node.port.postMessage({ type: 'stop' } satisfies StopCapture);
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
        node.port.onmessage = null;
        source.disconnect();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
