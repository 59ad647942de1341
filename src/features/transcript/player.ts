import { SKIP_SECONDS } from './shortcuts.ts';

/** How far from the time asked for a seek the element may go and still count as landing there. */
const SEEK_LANDING_SECONDS = 0.1;

/**
 * The workspace's hold on its media element: seeks, play and pause, skips, speed, and a
 * per-frame clock while it plays. The element streams the job's file itself; nothing here reads
 * or decodes audio.
 */
export class Player {
  private element: HTMLMediaElement | null = null;
  private frame = 0;
  private readonly listeners = new Set<(seconds: number) => void>();
  private readonly detach: Array<() => void> = [];
  /**
   * Where the last seek asked to go, reported as the playhead while paused there: a media element
   * may report a seek as landing a little before the time it was given (a codec frame early), or
   * at 0 until its metadata loads, either of which would put the playhead on another word.
   */
  private sought: number | null = null;

  /** Takes the element the view renders (null when it goes). */
  attach(element: HTMLMediaElement | null): void {
    if (element === this.element) return;
    this.stopClock();
    for (const off of this.detach.splice(0)) off();
    this.element = element;
    if (element === null) return;
    const on = (type: string, handler: () => void) => {
      element.addEventListener(type, handler);
      this.detach.push(() => element.removeEventListener(type, handler));
    };
    on('play', () => {
      this.sought = null;
      this.startClock();
    });
    // A seek with the element's own controls goes elsewhere: that is the playhead now.
    on('seeking', () => {
      if (this.sought !== null && Math.abs(element.currentTime - this.sought) > SEEK_LANDING_SECONDS) this.sought = null;
    });
    on('pause', () => this.stopClock());
    on('ended', () => this.stopClock());
    // A seek with the element's own controls, or the first frame after loading.
    on('seeked', () => this.tell());
    on('loadedmetadata', () => this.tell());
    if (!element.paused) this.startClock();
  }

  /** Called with the playhead, in seconds: every frame while playing, and after each seek. */
  onTime(listener: (seconds: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get currentTime(): number {
    const element = this.element;
    if (element === null) return 0;
    return element.paused && this.sought !== null ? this.sought : element.currentTime;
  }

  seek(seconds: number): void {
    const element = this.element;
    if (element === null) return;
    const end = Number.isFinite(element.duration) ? element.duration : Infinity;
    const target = Math.min(Math.max(0, seconds), end);
    element.currentTime = target;
    this.sought = target;
    this.tell();
  }

  play(): void {
    // A refusal (no user gesture yet, or a source that cannot play) shows on the element itself.
    void this.element?.play().catch(() => {});
  }

  togglePlay(): void {
    if (this.element === null) return;
    if (this.element.paused) this.play();
    else this.element.pause();
  }

  skip(direction: 1 | -1): void {
    this.seek(this.currentTime + direction * SKIP_SECONDS);
  }

  setRate(rate: number): void {
    if (this.element !== null) this.element.playbackRate = rate;
  }

  private tell(): void {
    const seconds = this.currentTime;
    for (const listener of this.listeners) listener(seconds);
  }

  private startClock(): void {
    if (this.frame !== 0) return;
    const tick = () => {
      this.tell();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private stopClock(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.tell();
  }
}
