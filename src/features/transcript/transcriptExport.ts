import type { TimedText, TranscribedWord } from '../../shared/transcript.ts';

export function plainText(words: readonly TimedText[]): string {
  return words.map((w) => w.text).join(' ');
}

/** Groups words into caption cues of at most `maxWords` words or `maxSeconds` seconds. */
export function captionCues(words: readonly TranscribedWord[], maxWords = 12, maxSeconds = 6): TimedText[] {
  const cues: TimedText[] = [];
  let group: TranscribedWord[] = [];
  const close = () => {
    if (group.length === 0) return;
    cues.push({ text: plainText(group), start: group[0].start, end: group[group.length - 1].end });
    group = [];
  };
  for (const word of words) {
    if (group.length > 0 && (group.length >= maxWords || word.end - group[0].start > maxSeconds)) close();
    group.push(word);
  }
  close();
  return cues;
}

function timestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

export function toSrt(words: readonly TranscribedWord[]): string {
  return captionCues(words)
    .map((cue, i) => `${i + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.text}\n`)
    .join('\n');
}

export function toWebVtt(words: readonly TranscribedWord[]): string {
  const cues = captionCues(words).map((cue) => `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.text}\n`);
  return ['WEBVTT\n', ...cues].join('\n');
}

export function toJson(words: readonly TranscribedWord[]): string {
  return JSON.stringify({ text: plainText(words), words }, null, 2);
}
