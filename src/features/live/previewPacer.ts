/**
 * When to ask the engine for a preview of the tail. Previews never overlap (the caller awaits
 * each one), run only when audio arrived since the last one, and start at least `minIntervalMs`
 * after the previous one ended, or as long as it took if that is longer, so that on a slow device
 * previews take at most half of the engine's time and the committed transcript keeps up.
 */
export class PreviewPacer {
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastCost = 0;
  private startedAt: number | null = null;
  private newAudio = false;

  constructor(private readonly minIntervalMs = 400) {}

  audioArrived(): void {
    this.newAudio = true;
  }

  /** Milliseconds until a preview is due (0: now), or null while none is wanted. */
  delay(now: number): number | null {
    if (!this.newAudio || this.startedAt !== null) return null;
    return Math.max(0, this.lastEnd + Math.max(this.minIntervalMs, this.lastCost) - now);
  }

  started(now: number): void {
    this.startedAt = now;
    this.newAudio = false;
  }

  finished(now: number): void {
    if (this.startedAt === null) return;
    this.lastCost = now - this.startedAt;
    this.lastEnd = now;
    this.startedAt = null;
  }
}
