/** Messages between the page and the microphone's AudioWorklet processor. */

export const CAPTURE_PROCESSOR = 'mic-capture';

/** Page → processor. */
export interface StopCapture {
  readonly type: 'stop';
}

/** Processor → page: a mono frame at the context's rate (its buffer transferred), or the end. */
export type CaptureMessage = { readonly type: 'frame'; readonly samples: Float32Array } | { readonly type: 'stopped' };
