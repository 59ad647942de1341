/** How one decoded block of `frames` frames lands on the output timeline. */
export interface BlockPlacement {
  /** Frames of silence to insert before the block, filling a gap in the stream. */
  silenceBefore: number;
  /** Frames to drop from the block's start: priming, or overlap with what was already placed. */
  skip: number;
  /** Frames to keep after `skip`; the rest (padding past the end) is dropped. */
  keep: number;
}

/**
 * End padding is at most a frame or two (an encoder pads the last frame, and LAME adds one): a
 * block that starts this many of its own lengths past the end is audio the end did not count.
 */
const PADDING_BLOCKS = 3;

/**
 * Lays decoded blocks end to end on the track's presentation timeline, by their timestamps:
 * `startSeconds` (on the decoder's clock) becomes output time 0, so encoder priming before it is
 * dropped, and nothing at or after `endSeconds` is kept, so end padding is dropped too. Gaps become
 * silence and overlaps are cut, so output time stays the container's time.
 *
 * With `endMayUndercount`, the end is taken from a header that may describe only the start of the
 * stream (MP3 files joined end to end keep the first one's header): blocks that clearly lie past
 * the padding lift the end, and the frames between become silence.
 */
export class TrackTimeline {
  private rate = 0;
  /** Frames placed so far, at `rate`. */
  private placed = 0;

  constructor(
    private readonly startSeconds: number,
    private endSeconds: number | null,
    private readonly endMayUndercount = false,
  ) {}


  /** Output frames placed so far, at the current sample rate. */
  get placedFrames(): number {
    return this.placed;
  }

  /** True once the end is known and reached: later blocks can only be padding. */
  get reachedEnd(): boolean {
    return !this.endMayUndercount && this.rate > 0 && this.placed >= this.endFrame();
  }

  /** Places a block starting at `timestampSeconds` on the decoder's clock. */
  place(timestampSeconds: number, frames: number, sampleRate: number): BlockPlacement {
    if (sampleRate !== this.rate) {
      // A decoder may change rate mid-stream (e.g. an HE-AAC switch): keep the time placed so far.
      this.placed = this.rate === 0 ? 0 : Math.round((this.placed * sampleRate) / this.rate);
      this.rate = sampleRate;
    }
    const start = Math.round((timestampSeconds - this.startSeconds) * sampleRate);
    if (this.endMayUndercount && start >= this.endFrame() + PADDING_BLOCKS * frames) this.endSeconds = null;
    const end = this.endFrame();
    const silenceBefore = Math.max(0, Math.min(start, end) - this.placed);
    this.placed += silenceBefore;
    const from = Math.max(start, this.placed);
    const keep = Math.max(0, Math.min(start + frames, end) - from);
    this.placed += keep;
    return { silenceBefore, skip: Math.min(from - start, frames), keep };
  }

  private endFrame(): number {
    return this.endSeconds === null ? Infinity : Math.round((this.endSeconds - this.startSeconds) * this.rate);
  }
}
