const pad = (n: number) => String(n).padStart(2, '0');

/** How a live job is named in the transcript and the history, e.g. "Microphone recording 12:03". */
export function recordingTitle(startedAt: Date): string {
  return `Microphone recording ${pad(startedAt.getHours())}:${pad(startedAt.getMinutes())}`;
}

/** A file name for the saved audio that is valid on every system (no colons). */
export function recordingFileName(startedAt: Date): string {
  const date = `${startedAt.getFullYear()}-${pad(startedAt.getMonth() + 1)}-${pad(startedAt.getDate())}`;
  return `recording-${date}-${pad(startedAt.getHours())}${pad(startedAt.getMinutes())}${pad(startedAt.getSeconds())}.wav`;
}
