// First-word latency of live transcription, measured in the page: from the capture time of the
// first sound (the app's FIRST_SOUND_MARK performance mark) to the first text in the transcript
// or its tentative tail, as seen by a MutationObserver.
import type { Page } from 'playwright-core';
import { FIRST_SOUND_MARK } from '../../src/features/live/captureClock.ts';

export interface LatencyFigures {
  /** Capture of the first sound → first (tentative) text on screen. */
  readonly firstTextMs: number;
  /**
   * Capture of the first sound → the whole first word on screen. In the tone fixtures the first
   * word, "YOU", is three symbols of 0.12 s: its last tone ends 0.32 s after the first sound.
   */
  readonly firstWordMs: number;
}

interface WordTimer {
  firstText: number | null;
  word: number | null;
}

/** Starts watching the transcript for any text and for `word`; call before recording. */
export async function installWordTimer(page: Page, word: string): Promise<void> {
  await page.evaluate((word) => {
    const timer: WordTimer = { firstText: null, word: null };
    (window as unknown as { __wordTimer: WordTimer }).__wordTimer = timer;
    // No named inner functions: tsx (esbuild keepNames) would wrap them in a helper the page lacks.
    const observer = new MutationObserver(() => {
      const now = performance.now();
      const shown = ['transcript', 'transcript-tail']
        .map((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '')
        .join(' ');
      if (timer.firstText === null && shown.trim() !== '') timer.firstText = now;
      if (timer.word === null && shown.split(/\s+/).includes(word)) timer.word = now;
      if (timer.word !== null) observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, word);
}

export async function firstWordLatency(page: Page): Promise<LatencyFigures> {
  const figures = await page.evaluate((mark) => {
    const timer = (window as unknown as { __wordTimer: WordTimer }).__wordTimer;
    const sound = performance.getEntriesByName(mark)[0]?.startTime ?? null;
    return { sound, firstText: timer.firstText, word: timer.word };
  }, FIRST_SOUND_MARK);
  if (figures.sound === null || figures.firstText === null || figures.word === null) {
    throw new Error(`latency not measurable: ${JSON.stringify(figures)}`);
  }
  return {
    firstTextMs: Math.round(figures.firstText - figures.sound),
    firstWordMs: Math.round(figures.word - figures.sound),
  };
}
