/** A decoded word with its time span in seconds from the start of the audio. */
export interface TranscribedWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}
