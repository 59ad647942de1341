/** Progress of one transcription job, derived from audio seconds and wall-clock time. */
export interface JobProgress {
  /** 0..1, or null when the audio's duration is unknown. */
  readonly fraction: number | null;
  readonly elapsedSeconds: number;
  /** Estimated seconds left, or null until it can be estimated. */
  readonly remainingSeconds: number | null;
  /** Processing time over audio time: 0.02 means 50 × faster than real time. */
  readonly realTimeFactor: number | null;
}

export function jobProgress(
  audioSecondsDone: number,
  audioDurationSeconds: number | null,
  elapsedSeconds: number,
): JobProgress {
  const fraction =
    audioDurationSeconds !== null && audioDurationSeconds > 0 ? Math.min(1, audioSecondsDone / audioDurationSeconds) : null;
  const realTimeFactor = audioSecondsDone > 0 ? elapsedSeconds / audioSecondsDone : null;
  const remainingSeconds =
    realTimeFactor !== null && audioDurationSeconds !== null
      ? Math.max(0, (audioDurationSeconds - audioSecondsDone) * realTimeFactor)
      : null;
  return { fraction, elapsedSeconds, remainingSeconds, realTimeFactor };
}
