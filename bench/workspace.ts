// Workspace benchmark: the app built with `vite build --mode fixtures` (the production build plus
// the `?fixture=` loader of src/features/transcript/fixtures/) in headless Chromium, showing a
// synthetic three-hour transcript of 30 000 words with three hours of audio in its player.
// Chromium's trace gives the main-thread time of each operation (script, style, layout, paint):
// a click on a word, a seek to anywhere in the audio (the view follows it), the playhead while
// playing at 2×, scrolling, a search and a correction. Also prints the JavaScript heap the
// transcript and its view add to the page.
//
//   npx tsx bench/workspace.ts [--words=30000] [--hours=3] [--trace=file.json]
//
// --trace writes Chromium's trace of the operations, for the DevTools Performance panel.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, newPage } from '../test/support/harness.ts';
import { OUT, REPO_ROOT, vitePreview } from '../test/support/servers.ts';
import { repeatedLongFile } from '../test/support/sharedFixtures.ts';
import { syntheticTranscript } from '../test/support/syntheticTranscript.ts';

const argument = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const WORDS = argument('words', 30_000);
const TRACE_FILE = process.argv.find((a) => a.startsWith('--trace='))?.split('=')[1];
const HOURS = argument('hours', 3);
const MiB = 2 ** 20;
const FIXTURE_DIR = 'workspace-fixture';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** The thread's own CPU time in the event: on a loaded machine, wall time counts others' work too. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
}

function buildApp(outDir: string): void {
  const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--mode', 'fixtures', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Main-thread heap after a full garbage collection. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="status"][data-state="idle"], [data-testid="status"][data-state="done"]', { timeout: 120_000 });
}

const sleep = (ms: number) => `await new Promise((r) => setTimeout(r, ${ms}));`;

/** Runs `body` (page-side statements) between the marks `bench:<op>:<i>:start` and `:end`, then settles for `settleMs`. */
async function marked(page: Page, op: string, i: number, body: string, settleMs: number): Promise<void> {
  await page.evaluate(`(async () => {
    performance.mark('bench:${op}:${i}:start');
    ${body}
    ${sleep(settleMs)}
    performance.mark('bench:${op}:${i}:end');
  })()`);
}

interface Figures {
  readonly count: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

function figures(values: readonly number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { count: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** The renderer main thread's top-level tasks, and the windows of the marked operations, from a trace. */
function readTrace(json: string) {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('bench:'));
  if (marks.length === 0) throw new Error('The trace holds none of the benchmark marks.');
  const { pid, tid } = marks[0];
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const topLevel: TraceEvent[] = [];
  for (const task of tasks) {
    const last = topLevel.at(-1);
    if (last === undefined || task.ts >= last.ts + (last.dur ?? 0)) topLevel.push(task);
  }
  const windows = new Map<string, { start: number; end: number }>();
  for (const mark of marks) {
    const [, op, i, edge] = mark.name.split(':');
    const key = `${op}:${i}`;
    const window = windows.get(key) ?? { start: 0, end: 0 };
    if (edge === 'start') window.start = mark.ts;
    else window.end = mark.ts;
    windows.set(key, window);
  }
  /**
   * Main-thread CPU milliseconds inside `window`, and its longest task there: each task's CPU
   * time, in the share of its wall time that falls in the window.
   */
  const work = (window: { start: number; end: number }) => {
    let busy = 0;
    let longest = 0;
    for (const task of topLevel) {
      const wall = task.dur ?? 0;
      const overlap = Math.min(task.ts + wall, window.end) - Math.max(task.ts, window.start);
      if (overlap <= 0 || wall === 0) continue;
      const cpu = ((task.tdur ?? wall) * overlap) / wall;
      busy += cpu;
      longest = Math.max(longest, cpu);
    }
    return { busyMs: busy / 1000, longestMs: longest / 1000 };
  };
  const byOp = (op: string) => [...windows].filter(([key]) => key.startsWith(`${op}:`)).map(([, window]) => work(window));
  const frames = (window: { start: number; end: number }) =>
    topLevel.filter((t) => t.ts >= window.start && t.ts < window.end).map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  return { byOp, windows, frames };
}

async function run(browser: Browser, appUrl: string): Promise<void> {
  // The page without a transcript, for the heap the transcript adds.
  const bare = await newPage(browser);
  await bare.page.goto(`${appUrl}?model=/models/tone-ctc&device=wasm`);
  await waitIdle(bare.page);
  const bareHeap = await heapAfterGc(await bare.context.newCDPSession(bare.page));
  await bare.close();

  const t = await newPage(browser);
  const { page } = t;
  await page.setViewportSize({ width: 1280, height: 800 });
  const fixtureUrl = `/${FIXTURE_DIR}/transcript.json`;
  await page.goto(`${appUrl}?model=/models/tone-ctc&device=wasm&fixture=${fixtureUrl}&fixtureMedia=/${FIXTURE_DIR}/audio.opus`);
  const shownAt = await page.waitForFunction(() => document.querySelector('[data-testid="word"]') !== null && performance.now(), null, {
    timeout: 60_000,
    polling: 'raf',
  });
  const loadedAt = await page.evaluate(
    (url) => (performance.getEntriesByName(new URL(url, location.href).href)[0] as PerformanceResourceTiming | undefined)?.responseEnd ?? 0,
    fixtureUrl,
  );
  const showMs = ((await shownAt.jsonValue()) as number) - loadedAt;
  await waitIdle(page);
  await page.waitForFunction(() => (document.querySelector<HTMLMediaElement>('[data-testid="player"]')?.duration ?? 0) > 0, null, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  const shown = await page.evaluate(() => ({
    words: document.querySelector('[data-testid="transcript"]')!.textContent!.split(/\s+/).length,
    rendered: document.querySelectorAll('[data-testid="word"]').length,
    duration: document.querySelector<HTMLMediaElement>('[data-testid="player"]')!.duration,
  }));
  const viewHeap = (await heapAfterGc(cdp)) - bareHeap;

  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // A click on a word in view: seek, highlight, focus.
  for (let i = 0; i < 30; i++) {
    await page.evaluate(() => {
      const box = document.querySelector('.transcript-scroller')!.getBoundingClientRect();
      const visible = [...document.querySelectorAll<HTMLElement>('[data-testid="word"]')].filter((w) => {
        const r = w.getBoundingClientRect();
        return r.top > box.top && r.bottom < box.bottom;
      });
      Object.assign(window, { benchWord: visible[Math.floor(Math.random() * visible.length)] });
    });
    await marked(page, 'click', i, `window.benchWord.click();`, 150);
  }
  // A seek to anywhere (the player's own controls): highlight, and Follow renders and scrolls to the word.
  for (let i = 0; i < 30; i++) {
    await marked(
      page,
      'seek',
      i,
      `const media = document.querySelector('[data-testid="player"]');
       const sought = new Promise((r) => media.addEventListener('seeked', r, { once: true }));
       media.currentTime = Math.random() * media.duration;
       await sought;`,
      200,
    );
  }
  // Playing at 2×: the playhead moves every frame, the highlight with each word, Follow scrolls.
  await marked(
    page,
    'play',
    0,
    `const media = document.querySelector('[data-testid="player"]');
     media.playbackRate = 2;
     await media.play();
     ${sleep(8000)}
     media.pause();
     media.playbackRate = 1;`,
    100,
  );
  const playedWords = await page.evaluate(() => Number(document.querySelector('[data-testid="word"][aria-current="true"]')?.getAttribute('data-i') ?? -1));
  // Scrolling through the transcript with the wheel.
  const scroller = await page.locator('.transcript-scroller').boundingBox();
  await page.mouse.move(scroller!.x + scroller!.width / 2, scroller!.y + scroller!.height / 2);
  for (let i = 0; i < 40; i++) {
    await page.evaluate(`performance.mark('bench:scroll:${i}:start')`);
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(60);
    await page.evaluate(`performance.mark('bench:scroll:${i}:end')`);
  }
  // A search over every word, then Enter to the first match.
  await page.evaluate(`performance.mark('bench:search:0:start')`);
  await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('mathematicians');
  await page.getByRole('searchbox', { name: 'Search the transcript' }).press('Enter');
  await page.waitForTimeout(300);
  await page.evaluate(`performance.mark('bench:search:0:end')`);
  const matches = await page.getByTestId('match-count').textContent();
  // A correction of one word.
  await page.locator('[data-testid="word"]').nth(3).dblclick();
  await page.getByRole('textbox', { name: 'Correct the word' }).fill('CORRECTED');
  await page.evaluate(`performance.mark('bench:edit:0:start')`);
  await page.getByRole('textbox', { name: 'Correct the word' }).press('Enter');
  await page.waitForTimeout(300);
  await page.evaluate(`performance.mark('bench:edit:0:end')`);
  const traceJson = (await browser.stopTracing()).toString('utf8');
  if (TRACE_FILE !== undefined) writeFileSync(TRACE_FILE, traceJson);
  const trace = readTrace(traceJson);
  const afterHeap = (await heapAfterGc(cdp)) - bareHeap;

  const row = (label: string, op: string) => {
    const work = trace.byOp(op);
    const busy = figures(work.map((w) => w.busyMs));
    const longest = figures(work.map((w) => w.longestMs));
    console.log(
      `${label.padEnd(34)} ${String(busy.count).padStart(3)}  ${busy.median.toFixed(1).padStart(6)}  ${busy.p95.toFixed(1).padStart(6)}  ${busy.max.toFixed(1).padStart(6)}  ${longest.max.toFixed(1).padStart(8)}`,
    );
  };
  console.log(`\nTranscript: ${shown.words} words over ${(shown.duration / 3600).toFixed(2)} h of audio; ${shown.rendered} word elements rendered`);
  console.log(`Shown ${showMs.toFixed(0)} ms after the transcript file arrived\n`);
  console.log(`${'main-thread CPU ms per operation'.padEnd(34)}   n  median     p95     max  longest task`);
  row('click a word (seek + highlight)', 'click');
  row('seek anywhere (+ follow and render)', 'seek');
  row('scroll 900 px', 'scroll');
  row('search 30 000 words, Enter', 'search');
  row('correct a word', 'edit');
  const playWindow = trace.windows.get('play:0')!;
  const frames = figures(trace.frames(playWindow));
  const play = trace.byOp('play')[0];
  console.log(
    `\nPlaying 8 s at 2× (to word ${playedWords}): ${frames.count} tasks, median ${frames.median.toFixed(2)} ms, p95 ${frames.p95.toFixed(2)} ms, ` +
      `longest ${frames.max.toFixed(1)} ms; main thread busy ${((play.busyMs / ((playWindow.end - playWindow.start) / 1000)) * 100).toFixed(1)} %`,
  );
  console.log(`Search: ${matches}`);
  console.log(`\nJS heap the transcript and its view add (after GC): ${(viewHeap / MiB).toFixed(1)} MiB shown, ${(afterHeap / MiB).toFixed(1)} MiB after the operations above`);
  console.log(t.errors.length === 0 ? 'No page errors.' : `Page errors:\n${t.errors.join('\n')}`);
  await t.close();
}

const outDir = path.join(OUT, 'workspace-app');
console.log(`Building the app with the fixture loader into ${path.relative(REPO_ROOT, outDir)}…`);
buildApp(outDir);
const fixtures = path.join(outDir, FIXTURE_DIR);
mkdirSync(fixtures, { recursive: true });
writeFileSync(
  path.join(fixtures, 'transcript.json'),
  JSON.stringify({ source: `synthetic-${HOURS}h.opus`, words: syntheticTranscript({ words: WORDS, seconds: HOURS * 3600 }) }),
);
copyFileSync(repeatedLongFile(HOURS * 6, path.join(OUT, 'audio')), path.join(fixtures, 'audio.opus'));

const server = await vitePreview(outDir);
const browser = await launchBrowser({ extraArgs: ['--autoplay-policy=no-user-gesture-required'] });
try {
  await run(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
