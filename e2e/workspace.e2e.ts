// The transcript workspace in Chromium with tone-ctc: the player of each job's own media, words
// that seek it and follow it, search, doubtful words, corrections that the exports carry, the
// keyboard shortcuts, a video shown as video, and no axe-core violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, SHARED, startPreviewServer, transcribeFile, transcriptText, uploadFile, waitForStatus, type Server, type TestPage } from '../test/support/harness.ts';
import { formatsManifest, longManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';

const SENTENCES = path.join(SHARED, 'audio/tones/sentences');
const FORMATS = path.join(SHARED, 'audio/tones/formats');
const sentence = sentenceManifest()[4]; // YOU HAVE MANY FRIENDS AND VERY FEW LIVING ENEMIES
const paragraph = formatsManifest().text;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Where each word of tone audio starts: 0.2 s of silence, then 0.12 s per symbol, a space being one. */
function toneWordStarts(text: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const word of text.split(' ')) {
    starts.push(0.2 + 0.12 * offset);
    offset += word.length + 1;
  }
  return starts;
}

interface WordFacts {
  text: string;
  start: number;
  end: number;
  current: boolean;
  played: boolean;
}

async function renderedWords(page: Page): Promise<WordFacts[]> {
  return page.locator('[data-testid="word"]').evaluateAll((elements) =>
    elements.map((element) => ({
      text: element.textContent ?? '',
      start: Number(element.getAttribute('data-start')),
      end: Number(element.getAttribute('data-end')),
      current: element.getAttribute('aria-current') === 'true',
      // Marked on the word, or on its paragraph once that has been played to its end.
      played: element.hasAttribute('data-played') || element.closest('[data-played]') !== null,
    })),
  );
}

interface PlayerFacts {
  tag: string;
  currentTime: number;
  paused: boolean;
  playbackRate: number;
  readyState: number;
  src: string;
}

const player = (page: Page): Promise<PlayerFacts> =>
  page.getByTestId('player').evaluate((media: HTMLMediaElement) => ({
    tag: media.tagName,
    currentTime: media.currentTime,
    paused: media.paused,
    playbackRate: media.playbackRate,
    readyState: media.readyState,
    src: media.currentSrc,
  }));

/** Waits until the player has its media's metadata, so seeks land. */
async function playerReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector<HTMLMediaElement>('[data-testid="player"]')?.readyState ?? 0) >= 1, null, {
    timeout: 10_000,
  });
}

async function pause(page: Page): Promise<void> {
  await page.getByTestId('player').evaluate((media: HTMLMediaElement) => media.pause());
}

async function download(page: Page, button: string): Promise<string> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return readFileSync((await saved.path())!, 'utf8');
}

interface ExportedJson {
  text: string;
  words: Array<{ text: string; start: number; end: number; confidence: number; edited: boolean }>;
}

let server: Server;
let browser: Browser;
let app: TestPage;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchBrowser({ extraArgs: ['--autoplay-policy=no-user-gesture-required'] });
  app = await newPage(browser);
  await app.page.goto(`${server.url}?model=/models/tone-ctc&device=wasm`);
  await waitForStatus(app.page, ['idle'], 120_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the transcript workspace', () => {
  it('seeks the player to the start of a clicked word', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(SENTENCES, sentence.file))).state).toBe('done');
    expect(await transcriptText(page)).toBe(sentence.text);
    await playerReady(page);
    const expected = toneWordStarts(sentence.text);
    const words = await renderedWords(page);
    expect(words.map((w) => w.text)).toEqual(sentence.text.split(' '));
    words.forEach((word, k) => expect(Math.abs(word.start - expected[k])).toBeLessThan(0.05));

    await page.locator('[data-testid="word"]').nth(4).click();
    const facts = await player(page);
    expect(facts.tag).toBe('AUDIO');
    expect(facts.src).toMatch(/^blob:/);
    expect(Math.abs(facts.currentTime - expected[4])).toBeLessThan(0.05);
    const after = await renderedWords(page);
    expect(after.findIndex((w) => w.current)).toBe(4);
    expect(after.map((w) => w.played)).toEqual([true, true, true, true, false, false, false, false, false]);

    // A paragraph's timestamp seeks to its first word.
    await page.getByRole('button', { name: 'Go to 0:00' }).click();
    expect(Math.abs((await player(page)).currentTime - words[0].start)).toBeLessThan(0.05);
  });

  it('highlights the word under the playhead while it plays', async () => {
    const { page } = app;
    await page.getByTestId('player').evaluate((media: HTMLMediaElement) => {
      media.currentTime = 0;
      return media.play();
    });
    const seen = new Set<number>();
    for (let sample = 0; sample < 12; sample++) {
      await page.waitForTimeout(300);
      const { time, current, starts } = await page.evaluate(() => {
        const media = document.querySelector<HTMLMediaElement>('[data-testid="player"]')!;
        const elements = [...document.querySelectorAll('[data-testid="word"]')];
        return {
          time: media.currentTime,
          current: elements.findIndex((e) => e.getAttribute('aria-current') === 'true'),
          starts: elements.map((e) => Number(e.getAttribute('data-start'))),
        };
      });
      const expected = starts.findLastIndex((start) => start <= time);
      // The highlight moves on the frame after the playhead does.
      expect([expected, expected - 1]).toContain(current);
      seen.add(current);
    }
    await pause(page);
    expect(seen.size).toBeGreaterThan(4);
  });

  it('finds words, says "n of m", and Enter jumps to each match and seeks there', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(FORMATS, 'paragraph.opus'))).state).toBe('done');
    await playerReady(page);
    const starts = toneWordStarts(paragraph);
    const allWords = paragraph.split(' ');
    const haveMany = allWords.flatMap((word, k) => (word === 'HAVE' && allWords[k + 1] === 'MANY' ? [k] : []));
    expect(haveMany.length).toBe(2);

    const search = page.getByRole('searchbox', { name: 'Search the transcript' });
    await search.fill('have man');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('1 of 2');
    expect(await page.locator('[data-testid="word"].match').count()).toBe(4);
    await search.press('Enter');
    await expect.poll(async () => Math.abs((await player(page)).currentTime - starts[haveMany[0]])).toBeLessThan(0.05);
    expect(await page.locator('[data-testid="word"].current-match').allTextContents()).toEqual(['HAVE', 'MANY']);
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('2 of 2');
    await expect.poll(async () => Math.abs((await player(page)).currentTime - starts[haveMany[1]])).toBeLessThan(0.05);
    await search.press('Shift+Enter');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('1 of 2');
    await search.fill('no such words');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toBe('No matches');
    await search.fill('');
  });

  it('corrects a word in place; the exports carry it, every other word keeps its timing, and undo takes it back', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(SENTENCES, sentence.file))).state).toBe('done');
    const before = { json: JSON.parse(await download(page, 'Save JSON')) as ExportedJson, srt: await download(page, 'Save SRT'), vtt: await download(page, 'Save WebVTT') };

    await page.locator('[data-testid="word"]').nth(1).dblclick();
    const editor = page.getByRole('textbox', { name: 'Correct the word' });
    await expect.poll(() => editor.inputValue()).toBe('HAVE');
    await editor.fill('HAD');
    await editor.press('Enter');
    await expect.poll(() => transcriptText(page)).toBe(sentence.text.replace('HAVE', 'HAD'));
    const edited = page.locator('[data-testid="word"]').nth(1);
    expect(await edited.getAttribute('data-edited')).toBe('true');
    // Enter gave the keyboard back to the corrected word.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('HAD');

    const after = { json: JSON.parse(await download(page, 'Save JSON')) as ExportedJson, srt: await download(page, 'Save SRT'), vtt: await download(page, 'Save WebVTT') };
    expect(after.json.text).toBe(sentence.text.replace('HAVE', 'HAD'));
    expect(after.json.words).toEqual(before.json.words.map((w, k) => (k === 1 ? { ...w, text: 'HAD', confidence: 1, edited: true } : w)));
    expect(after.srt).toBe(before.srt.replace('HAVE', 'HAD'));
    expect(after.vtt).toBe(before.vtt.replace('HAVE', 'HAD'));
    expect(await download(page, 'Save Text')).toBe(sentence.text.replace('HAVE', 'HAD'));

    // Insert, with the same editor: a word more.
    await page.locator('[data-testid="word"]').nth(8).press('e');
    await page.getByRole('textbox', { name: 'Correct the word' }).fill('ENEMIES TODAY');
    await page.getByRole('textbox', { name: 'Correct the word' }).press('Enter');
    await expect.poll(() => transcriptText(page)).toBe(`${sentence.text.replace('HAVE', 'HAD')} TODAY`);
    // Delete, and a paragraph split.
    await page.locator('[data-testid="word"]').nth(9).press('Delete');
    await expect.poll(() => transcriptText(page)).toBe(sentence.text.replace('HAVE', 'HAD'));
    await page.locator('[data-testid="word"]').nth(4).press('Shift+Enter');
    await expect.poll(() => page.locator('.para').count()).toBe(2);
    expect(await page.getByTestId('transcript').textContent()).toBe('YOU HAD MANY FRIENDS\n\nAND VERY FEW LIVING ENEMIES');

    await page.locator('[data-testid="word"]').nth(0).press('Control+z');
    await expect.poll(() => page.locator('.para').count()).toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => transcriptText(page)).toBe(sentence.text);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => transcriptText(page)).toBe(sentence.text.replace('HAVE', 'HAD'));
    await page.getByRole('button', { name: /^Accept edits/ }).click();
    await expect.poll(() => page.locator('[data-testid="word"][data-edited]').count()).toBe(0);
    expect(await transcriptText(page)).toBe(sentence.text.replace('HAVE', 'HAD'));
  });

  it('exports in sentence case when the display shows it', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Sentence case' }).check();
    await expect.poll(() => page.locator('[data-testid="word"]').first().textContent()).toBe('You');
    // The corrected word keeps the case it was typed in.
    expect(await download(page, 'Save Text')).toBe('You HAD many friends and very few living enemies');
    expect(await download(page, 'Save SRT')).toContain('\nYou HAD many friends and\nvery few living enemies\n');
    await page.getByRole('checkbox', { name: 'Sentence case' }).uncheck();
  });

  it('works from the keyboard: play and pause, skip, speed, word by word, and never while typing', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(FORMATS, 'paragraph-8k.wav'))).state).toBe('done');
    await playerReady(page);
    const starts = toneWordStarts(paragraph);
    await page.locator('[data-testid="word"]').nth(10).click();
    expect(Math.abs((await player(page)).currentTime - starts[10])).toBeLessThan(0.05);

    await page.keyboard.press('k');
    await expect.poll(async () => (await player(page)).paused).toBe(false);
    await page.keyboard.press('k');
    await expect.poll(async () => (await player(page)).paused).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await player(page)).paused).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await player(page)).paused).toBe(true);

    const at = (await player(page)).currentTime;
    await page.keyboard.press('l');
    expect(Math.abs((await player(page)).currentTime - (at + 5))).toBeLessThan(0.05);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(Math.abs((await player(page)).currentTime - (at - 5))).toBeLessThan(0.05);

    await page.keyboard.press('>');
    expect((await player(page)).playbackRate).toBe(1.25);
    expect(await page.getByRole('combobox', { name: 'Speed' }).inputValue()).toBe('1.25');
    await page.keyboard.press('<');
    await page.keyboard.press('<');
    expect((await player(page)).playbackRate).toBe(0.75);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');

    // Word by word: the arrows move the focus, Enter seeks to the focused word.
    await page.locator('[data-testid="word"]').nth(10).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('12');
    expect(Math.abs((await player(page)).currentTime - starts[12])).toBeLessThan(0.05);

    // Letters typed in the search box stay there.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('kl j');
    expect(await page.getByRole('searchbox', { name: 'Search the transcript' }).inputValue()).toBe('kl j');
    expect((await player(page)).paused).toBe(true);
    expect(Math.abs((await player(page)).currentTime - starts[12])).toBeLessThan(0.05);
    await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('');

    // The shortcuts are listed.
    await page.getByText('Keyboard shortcuts', { exact: true }).click();
    expect(await page.locator('.shortcuts dl').textContent()).toMatch(/Play or pause.*Back \/ forward 5 s/);
    await page.getByText('Keyboard shortcuts', { exact: true }).click();
  });

  it('marks doubtful words and steps to them, playing from just before each', async () => {
    const { page } = app;
    // Not tone audio: its few words are noise, and the model doubts them.
    await transcribeFile(page, path.join(SHARED, 'audio/bad/truncated.mp3'));
    const doubtful = page.locator('[data-testid="word"][data-doubtful="true"]');
    expect(await doubtful.count()).toBeGreaterThan(0);
    expect(await doubtful.first().getAttribute('title')).toMatch(/^Doubtful: \d+ % confidence$/);
    const first = Number(await doubtful.first().getAttribute('data-start'));
    await playerReady(page);
    // The seek is made in the click itself: read where it went before playback moves on.
    const sought = await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('button[aria-label="Next doubtful word"]')!.click();
      return document.querySelector<HTMLMediaElement>('[data-testid="player"]')!.currentTime;
    });
    expect(Math.abs(sought - Math.max(0, first - 1))).toBeLessThan(0.01);
    await expect.poll(async () => (await player(page)).paused).toBe(false);
    expect(await page.evaluate(() => document.querySelector('[data-testid="word"][data-doubtful="true"]')?.getAttribute('aria-current'))).not.toBe('true');
    await pause(page);
  });

  it('plays a video file as video', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(FORMATS, 'paragraph.mp4'))).state).toBe('done');
    await playerReady(page);
    const video = await page.getByTestId('player').evaluate(async (media: HTMLVideoElement) => {
      await media.play();
      await new Promise((resolve) => setTimeout(resolve, 800));
      media.pause();
      return { tag: media.tagName, width: media.videoWidth, height: media.videoHeight, time: media.currentTime };
    });
    expect(video).toMatchObject({ tag: 'VIDEO', width: 160, height: 120 });
    expect(video.time).toBeGreaterThan(0.3);
  });

  it('plays, searches and corrects a job that is still running', async () => {
    const { page } = app;
    const long = longManifest().text;
    await uploadFile(page, path.join(SHARED, 'audio/tones/long/ten-minutes.opus'));
    await page.waitForFunction(() => (document.querySelector('[data-testid="transcript"]')?.textContent ?? '').split(' ').length > 40, null, {
      timeout: 120_000,
    });
    expect((await waitForStatus(page, ['transcribing'], 1_000)).state).toBe('transcribing');
    await playerReady(page);
    const fifth = page.locator('[data-testid="word"]').nth(5);
    await fifth.click();
    expect(Math.abs((await player(page)).currentTime - Number(await fifth.getAttribute('data-start')))).toBeLessThan(0.01);
    await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('charts');
    await expect.poll(() => page.getByTestId('match-count').textContent()).toMatch(/^1 of \d+$/);

    await page.locator('[data-testid="word"]').nth(0).dblclick();
    await page.getByRole('textbox', { name: 'Correct the word' }).fill('NO');
    await page.getByRole('textbox', { name: 'Correct the word' }).press('Enter');
    const countAfterEdit = (await transcriptText(page)).split(' ').length;
    await page.waitForFunction((count) => (document.querySelector('[data-testid="transcript"]')?.textContent ?? '').split(/\s+/).length > count + 20, countAfterEdit, {
      timeout: 120_000,
    });
    const text = await transcriptText(page);
    expect(text.startsWith('NO CHAUCER FOR CERTAIN')).toBe(true);
    expect(long.startsWith(text.replace(/^NO/, 'NOT').replace(/ \S+$/, ''))).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForStatus(page, ['cancelled'], 15_000);
    await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('');
  });

  it('keeps the word being played in view when Follow is on, and leaves the view alone when it is off', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(SHARED, 'audio/tones/long/ten-minutes.opus'), 300_000)).state).toBe('done');
    await playerReady(page);
    const { words } = JSON.parse(await download(page, 'Save JSON')) as ExportedJson;
    const scroller = page.getByRole('region', { name: 'Transcript words' });
    const toTop = () => scroller.evaluate((el) => (el.scrollTop = 0));
    const inView = (index: number) =>
      scroller.evaluate((el, i) => {
        const word = el.querySelector(`[data-testid="word"][data-i="${i}"]`);
        if (word === null) return false;
        const box = el.getBoundingClientRect();
        const rect = word.getBoundingClientRect();
        return rect.top >= box.top && rect.bottom <= box.bottom;
      }, index);
    const seek = (seconds: number) => page.getByTestId('player').evaluate((media: HTMLMediaElement, t) => (media.currentTime = t), seconds);

    expect(await page.getByRole('checkbox', { name: 'Follow playback' }).isChecked()).toBe(true);
    await toTop();
    await seek(words[800].start);
    await expect.poll(() => page.locator('[data-testid="word"][aria-current="true"]').getAttribute('data-i')).toBe('800');
    await expect.poll(() => inView(800)).toBe(true);

    await page.locator('[data-testid="word"][data-i="800"]').focus();
    await page.keyboard.press('f');
    expect(await page.getByRole('checkbox', { name: 'Follow playback' }).isChecked()).toBe(false);
    await toTop();
    await page.waitForTimeout(100);
    await seek(words[700].start);
    await page.waitForTimeout(500);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await inView(700)).toBe(false);
    await page.getByRole('checkbox', { name: 'Follow playback' }).check();
  });

  it('has no axe-core violations with a transcript shown, in every side panel tab', async () => {
    const { page } = app;
    expect((await transcribeFile(page, path.join(SENTENCES, sentence.file))).state).toBe('done');
    await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('many');
    await page.locator('[data-testid="word"]').nth(2).click();
    await page.evaluate(AXE_SOURCE);
    for (const tab of ['Model', 'Memory', 'Storage', 'Library']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      const violations = await page.evaluate(async () => {
        const { violations } = await (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run();
        return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
      });
      expect(violations, `with the ${tab} tab open`).toEqual([]);
    }
    // The tabs move with the arrow keys.
    await page.getByRole('tab', { name: 'Library' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Model' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Model');
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Library' }).getAttribute('aria-selected')).toBe('true');
    // Earlier transcripts open in the workspace.
    await page.getByRole('region', { name: 'Earlier transcripts' }).getByRole('button', { name: 'Open' }).first().click();
    await expect.poll(() => page.getByRole('button', { name: /^Show the current one/ }).count()).toBe(1);
    await page.getByRole('button', { name: /^Show the current one/ }).click();
    expect(await transcriptText(page)).toBe(sentence.text);
    expect(app.errors).toEqual([]);
  });
});
