import { useMemo } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { DisplayCase, DisplayOptions } from './displayCase.ts';
import { DEFAULT_PARAGRAPH_GAP_SECONDS } from './paragraphs.ts';
import { PLAYBACK_RATES } from './playbackRates.ts';

/** How the workspace shows transcripts; kept in this browser across visits. */
export interface WorkspacePreferences {
  readonly displayCase: DisplayCase;
  readonly paragraphGapSeconds: number;
  /** Keep the word being played scrolled into view. */
  readonly follow: boolean;
  readonly playbackRate: number;
}

export interface WorkspaceState extends WorkspacePreferences {
  /** The earlier job opened in the workspace; null shows the current job. */
  readonly viewedJobId: number | null;
  /** A word to move playback and focus to once job `jobId` is shown (a library search hit); taken once. */
  readonly openAt: WordTarget | null;
}

export interface WordTarget {
  readonly jobId: number;
  /** Index in the words the workspace shows (the edited ones, where there are edits). */
  readonly wordIndex: number;
}

/** The pause that breaks paragraphs may be set between these, in seconds. */
export const PARAGRAPH_GAP_RANGE = { min: 0.3, max: 10 } as const;

const DEFAULTS: WorkspaceState = {
  displayCase: 'asTranscribed',
  paragraphGapSeconds: DEFAULT_PARAGRAPH_GAP_SECONDS,
  follow: true,
  playbackRate: 1,
  viewedJobId: null,
  openAt: null,
};

export const useWorkspaceStore = create<WorkspaceState>()(
  persist(() => DEFAULTS, {
    name: 'transcript-workspace',
    storage: createJSONStorage(() => localStorage),
    partialize: ({ displayCase, paragraphGapSeconds, follow, playbackRate }): WorkspacePreferences => ({
      displayCase,
      paragraphGapSeconds,
      follow,
      playbackRate,
    }),
  }),
);

const set = useWorkspaceStore.setState;

export const workspaceActions = {
  setDisplayCase(displayCase: DisplayCase): void {
    set({ displayCase });
  },

  /** Ignores a gap outside PARAGRAPH_GAP_RANGE (a half-typed number). */
  setParagraphGap(seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= PARAGRAPH_GAP_RANGE.min && seconds <= PARAGRAPH_GAP_RANGE.max) {
      set({ paragraphGapSeconds: seconds });
    }
  },

  setFollow(follow: boolean): void {
    set({ follow });
  },

  setPlaybackRate(rate: number): void {
    if (PLAYBACK_RATES.includes(rate)) set({ playbackRate: rate });
  },

  /** Opens job `id` in the workspace; null goes back to the current job. */
  view(id: number | null): void {
    set({ viewedJobId: id });
  },

  /** Asks the workspace of job `target.jobId` to seek to that word and focus it, once it is shown. */
  openAtWord(target: WordTarget): void {
    set({ openAt: target });
  },

  /** The workspace has moved to the word asked for. */
  tookOpenAt(): void {
    set({ openAt: null });
  },
};

/** The display options the view, the editor and the exports share (one object while they stay the same). */
export function useDisplayOptions(): DisplayOptions {
  const displayCase = useWorkspaceStore((s) => s.displayCase);
  const paragraphGapSeconds = useWorkspaceStore((s) => s.paragraphGapSeconds);
  return useMemo(() => ({ displayCase, paragraphGapSeconds }), [displayCase, paragraphGapSeconds]);
}
