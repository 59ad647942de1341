/**
 * Performance mark at the capture time of the first sound: with the moment the first word shows,
 * it gives the live latency that e2e/mic.e2e.ts and bench/liveRecording.ts report.
 */
export const FIRST_SOUND_MARK = 'mic:first-sound';

/**
 * Maps capture sample indices to page time (ms, performance.now()). A frame reaches the page some
 * time after its last sample was captured (the audio thread's message, a busy main thread), never
 * before, so the least delayed frame seen so far gives the best estimate of when sample 0 was.
 */
export class CaptureClock {
  private origin = Number.POSITIVE_INFINITY;

  constructor(private readonly sampleRate: number) {}

  /** A frame ending just before sample `endSample` arrived at page time `now`. */
  frameArrived(now: number, endSample: number): void {
    this.origin = Math.min(this.origin, now - (endSample / this.sampleRate) * 1000);
  }

  /** Page time at which `sample` was captured (infinite before the first frame). */
  timeOf(sample: number): number {
    return this.origin + (sample / this.sampleRate) * 1000;
  }
}
