/** Text with its time span in seconds from the start of the audio. */
export interface TimedText {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A decoded word. */
export interface TranscribedWord extends TimedText {
  /**
   * How sure the decoder is of the word, 0..1: for greedy decoding the mean, over the word's
   * frames, of the best symbol's probability.
   */
  readonly confidence: number;
}

/** What the engine reports after each push or finish of a job's audio. */
export interface TranscriptUpdate {
  /** Words completed since the previous update; they will not change any more. */
  readonly words: TranscribedWord[];
  /** The word being spelled at the committed edge, shown as tentative. */
  readonly pending: TranscribedWord | null;
  /** Audio seconds whose frames are decoded and committed. */
  readonly committedSeconds: number;
  /** Audio seconds received so far. */
  readonly receivedSeconds: number;
}
