// The library in the real app, with real IndexedDB in a persistent Chromium profile: a job
// interrupted by a reload resumes to the exact transcript, and the library survives the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SHARED, startPreviewServer, transcribeFile, transcriptText, waitForStatus, type Server } from '../test/support/harness.ts';
import { backAfterReload, interruptedItems, libraryItem as item, libraryRegion as library, reloadMidFile, theInterruptedItem } from '../test/support/libraryPage.ts';
import { longManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';
import { memoryPanel, memoryPanelAfter, pageClock } from '../test/support/memoryPanel.ts';

const LONG = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
const [sentence] = sentenceManifest();
const SENTENCE = path.join(SHARED, 'audio/tones/sentences', sentence.file);

let server: Server;
let profile: string;
let context: BrowserContext;

const openProfile = () =>
  chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });

beforeAll(async () => {
  server = await startPreviewServer();
  profile = mkdtempSync(path.join(os.tmpdir(), 'library-profile-'));
  context = await openProfile();
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function openApp(page: Page): Promise<void> {
  await page.goto(`${server.url}?model=/models/tone-ctc`);
  await waitForStatus(page, ['idle'], 60_000);
  await page.getByRole('tab', { name: 'Library' }).click();
}

describe('the library', () => {
  let page: Page;
  let wholeWindows: number;

  it('saves a finished transcript', async () => {
    page = await context.newPage();
    await openApp(page);
    const before = (await memoryPanel(page)).windowsRun ?? 0;
    expect((await transcribeFile(page, LONG, 120_000)).state).toBe('done');
    wholeWindows = (await memoryPanelAfter(page, await pageClock(page))).windowsRun! - before;
    await expect.poll(() => item(page, 'ten-minutes.opus').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
  });

  it('shows a job cut short by a reload as interrupted, and resumes it with the file picked again to the exact transcript, running the model on the rest only', async () => {
    await reloadMidFile(page, LONG);
    const interrupted = await theInterruptedItem(page);
    expect(await interrupted.textContent()).toMatch(/Interrupted at \d+:\d\d of 10:0\d/);

    await interrupted.getByRole('button', { name: 'Resume' }).click();
    const pick = interrupted.getByLabel('Pick the same file to resume');
    await pick.waitFor({ timeout: 10_000 });
    // Another file is refused, with a message that says why.
    await pick.setInputFiles(SENTENCE);
    await expect.poll(() => interrupted.getByTestId('library-item-note').textContent(), { timeout: 10_000 }).toMatch(/not the same|differ|size/i);
    const before = (await memoryPanel(page)).windowsRun ?? 0;
    await pick.setInputFiles(LONG);
    await waitForStatus(page, ['transcribing'], 10_000);
    const ended = await waitForStatus(page, ['done', 'error', 'cancelled'], 120_000);
    expect(ended.message).toMatch(/^Done: "ten-minutes\.opus"/);
    expect(await transcriptText(page)).toBe(longManifest().text);
    // The model runs from the last saved window on, not the whole file again (wall time says little
    // here: an Ogg file is decoded again from its start, and tone-ctc is cheap next to decoding).
    const resumedWindows = (await memoryPanelAfter(page, await pageClock(page))).windowsRun! - before;
    expect(resumedWindows).toBeGreaterThan(0);
    expect(resumedWindows).toBeLessThan(wholeWindows);
    await expect.poll(() => interruptedItems(page).count(), { timeout: 10_000 }).toBe(0);
  });

  it('renames, deletes with undo, and searches across saved transcripts', async () => {
    expect((await transcribeFile(page, SENTENCE, 60_000)).state).toBe('done');
    await expect.poll(() => library(page).getByTestId('library-item').count(), { timeout: 10_000 }).toBe(3);

    const word = sentence.text.split(' ')[1];
    await library(page).getByLabel('Search all transcripts').fill(word);
    await library(page).getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => library(page).getByTestId('library-hits').textContent(), { timeout: 10_000 }).toContain(sentence.file);

    const clip = item(page, sentence.file);
    await clip.getByRole('button', { name: /^Rename/ }).click();
    await clip.getByLabel('New name').fill('first sentence');
    await clip.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => item(page, 'first sentence').count(), { timeout: 10_000 }).toBe(1);

    await item(page, 'first sentence').getByRole('button', { name: /^Delete/ }).click();
    await library(page).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => item(page, 'first sentence').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
  });

  it('keeps a correction across a reload', async () => {
    await item(page, 'first sentence').getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => transcriptText(page), { timeout: 10_000 }).toBe(sentence.text);
    const second = sentence.text.split(' ')[1];
    await page.locator('[data-testid="word"]').nth(1).dblclick();
    const editor = page.getByRole('textbox', { name: 'Correct the word' });
    await expect.poll(() => editor.inputValue()).toBe(second);
    await editor.fill('CORRECTED');
    await editor.press('Enter');
    const corrected = sentence.text.replace(second, 'CORRECTED');
    await expect.poll(() => transcriptText(page)).toBe(corrected);
    await page.waitForTimeout(2_500); // the library writes an edit within a second or two
    await page.reload();
    await backAfterReload(page);
    await item(page, 'first sentence').getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => transcriptText(page), { timeout: 10_000 }).toBe(corrected);
  });

  it('is intact after the browser is closed and opened again on the same profile', async () => {
    await context.close();
    context = await openProfile();
    page = await context.newPage();
    await openApp(page);
    await expect.poll(() => library(page).getByTestId('library-item').count(), { timeout: 15_000 }).toBe(3);
    expect(await item(page, 'first sentence').count()).toBe(1);
    await item(page, 'first sentence').getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => transcriptText(page), { timeout: 10_000 }).toBe(sentence.text.replace(sentence.text.split(' ')[1], 'CORRECTED'));
  });

  it('resumes with the file it kept, without asking for it, to the exact transcript', async () => {
    const keep = library(page).getByLabel(/Keep dropped files in this browser/);
    await keep.check();
    await reloadMidFile(page, LONG);
    expect(await keep.isChecked()).toBe(true);
    const interrupted = await theInterruptedItem(page);
    expect(await interrupted.textContent()).toMatch(/Interrupted at \d+:\d\d of 10:0\d/);
    await interrupted.getByRole('button', { name: 'Resume' }).click();
    // It continues near where it stopped (40 to 59 %, less the windows not yet committed), not from the start.
    const firstPercent = await page.waitForFunction(() => /… (\d+) %/.exec(document.querySelector('[data-testid="status"]')?.textContent ?? '')?.[1], null, { timeout: 10_000, polling: 20 });
    expect(Number(await firstPercent.jsonValue())).toBeGreaterThanOrEqual(20);
    const ended = await waitForStatus(page, ['done', 'error', 'cancelled'], 120_000);
    expect(ended.message).toMatch(/^Done: "ten-minutes\.opus"/);
    expect(await transcriptText(page)).toBe(longManifest().text);
    expect(await library(page).getByLabel('Pick the same file to resume').count()).toBe(0);
    await expect.poll(() => interruptedItems(page).count(), { timeout: 10_000 }).toBe(0);
  });

  it('opens a search hit at its word: playback there, the word current and focused', async () => {
    const words = longManifest().text.split(' ');
    const once = (w: string) => words.indexOf(w) === words.lastIndexOf(w) && !sentence.text.split(' ').includes(w) && w.length > 4;
    // Words met once, well into the file, so each hit is far from the start; far apart, so the first
    // search's hits (still listed while the second runs) cannot pass for the second's.
    const candidates = words.map((w, i) => ({ w, i })).filter(({ w, i }) => i > words.length * 0.6 && once(w));
    const first = candidates[0].w;
    const second = candidates.find(({ i }) => i > candidates[0].i + 20)!.w;
    const player = page.getByTestId('player');
    const current = page.locator('[data-testid="word"][aria-current="true"]');

    const openHit = async (word: string, how: 'click' | 'Enter') => {
      await library(page).getByLabel('Search all transcripts').fill(word);
      await library(page).getByRole('button', { name: 'Search', exact: true }).click();
      // Newest first: the transcript whose file is kept, so the workspace has its player.
      const hit = library(page).getByTestId('library-hit').filter({ hasText: 'ten-minutes.opus' }).filter({ hasText: word }).first();
      await hit.waitFor({ timeout: 10_000 });
      const start = Number(await hit.getAttribute('data-start'));
      expect(start).toBeGreaterThan(300);
      if (how === 'click') await hit.click();
      else {
        await hit.focus();
        await page.keyboard.press('Enter');
      }
      // The workspace has the opened transcript's player, asked to go to the word...
      await expect.poll(() => player.evaluate((el: HTMLMediaElement) => el.currentTime), { timeout: 10_000 }).toBeCloseTo(start, 2);
      // ... and the seek has landed.
      await page.waitForFunction(
        () => {
          const el = document.querySelector<HTMLMediaElement>('[data-testid="player"]');
          return el !== null && el.readyState >= 1 && !el.seeking;
        },
        null,
        { timeout: 10_000, polling: 20 },
      );
      // Where the element landed: the browser may put a seek a codec frame before the time asked.
      const landed = await player.evaluate((el: HTMLMediaElement) => el.currentTime);
      console.log(`[library] search hit "${word}" at ${start} s: the player landed at ${landed} s`);
      expect(Math.abs(landed - start)).toBeLessThan(0.05);
      await expect.poll(() => current.getAttribute('data-start'), { timeout: 10_000 }).toBe(String(Math.round(start * 1000) / 1000));
      expect(await current.textContent()).toBe(word);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('true');
      expect(await transcriptText(page)).toBe(longManifest().text);
    };
    await openHit(first, 'click');
    await openHit(second, 'Enter');
  });
});
