import type { SavedStream } from '../protocol.ts';
import type { WindowSettings } from './windowSettings.ts';

/** Where an interrupted stream picks up so that its words come out exactly as in one unbroken run. */
export interface ResumePlan {
  /** The first sample to feed again: the start of a window of the unbroken run. */
  readonly startSample: number;
  /** The first frame that window commits (frames before it are the saved run's). */
  readonly fromFrame: number;
}

/**
 * Picks the latest window of the unbroken run whose first kept frame lies inside no word: from
 * there, the same window contents give the same frames, and a decoder started afresh at that
 * frame reads them as the unbroken run's decoder did (between words it carries no state that
 * matters). Saved words that start before `fromFrame` are kept; the rest are decoded again.
 *
 * Windows are counted back from the committed edge, not from the stream's start: after a skipped
 * silence the windows start again from its end (streamingTranscriber.ts), and a committed edge is
 * always the kept end of a window the run decoded, or that edge moved on by whole steps through
 * the silence after it.
 */
export function planResume(settings: WindowSettings, saved: SavedStream, sampleRate: number): ResumePlan {
  const { hop, stepSamples, strideSamples, windowSamples } = settings;
  const secondsPerFrame = hop / sampleRate;
  const committedFrame = Math.round(saved.committedSeconds / secondsPerFrame);
  const limit = saved.pendingStartSeconds === null ? committedFrame : Math.min(committedFrame, Math.round(saved.pendingStartSeconds / secondsPerFrame));
  const inWord = (frame: number) => saved.lastWords.some((w) => w.start < frame * secondsPerFrame - 1e-9 && frame * secondsPerFrame < w.end - 1e-9);
  const committedSample = committedFrame * hop;
  // Before the first window's edge nothing but the first window ran.
  if (committedSample < windowSamples - strideSamples) return { startSample: 0, fromFrame: 0 };
  for (let keptFrom = committedSample; keptFrom - strideSamples > 0; keptFrom -= stepSamples) {
    const frame = keptFrom / hop;
    if (frame <= limit && !inWord(frame)) return { startSample: keptFrom - strideSamples, fromFrame: frame };
  }
  return { startSample: 0, fromFrame: 0 };
}
