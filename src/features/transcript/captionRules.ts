/** Caption rules common to broadcasters' English subtitle guidelines; every cue the exporters write keeps them. */
export const CAPTION_RULES = {
  maxLineCharacters: 42,
  maxLines: 2,
  minCueSeconds: 0.83,
  maxCueSeconds: 7,
  /** Reading speed, kept wherever the silence after a cue leaves time for it. */
  maxCharactersPerSecond: 17,
  /** A silence at least this long between words is a natural place to end a cue. */
  breakPauseSeconds: 0.5,
} as const;
