import { timestamp } from './timestamp.ts';

/** What "say where playback is" announces: the time, and the word there with its place. */
export function positionText(seconds: number, index: number, wordCount: number, shownWord: string | null): string {
  const at = `Playback at ${timestamp(seconds)}`;
  if (index < 0 || shownWord === null) return wordCount === 0 ? `${at}; there are no words yet.` : `${at}, before the first word.`;
  return `${at}, on “${shownWord}”, word ${index + 1} of ${wordCount}.`;
}
