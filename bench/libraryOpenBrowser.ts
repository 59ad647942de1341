// `npx tsx bench/libraryOpenBrowser.ts [--runs=7]`: how long the Library view takes to show a full
// library in Debian's headless Chromium, on its real IndexedDB. A bench page on the app's origin
// fills 200 ten-minute transcripts through the app's own library module; then the app is reloaded
// several times, its Library tab chosen the moment it exists, and the first paint of the list timed
// (from the tab's click, and from the navigation's start). `--app=DIR` uses a build of the app made already.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage, startPreviewServer } from '../test/support/harness.ts';
import { FULL_LIBRARY } from '../test/support/libraryFill.ts';
import { OUT, REPO_ROOT, viteBuild } from '../test/support/servers.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(arg('runs') ?? '7');
const app = path.join(OUT, 'library-open');
const seed = path.join(OUT, 'library-seed');
// --app=DIR: a build of the app made already (dist/ after `npm run build`), copied rather than built again.
const built = arg('app');
if (built === undefined) viteBuild(app);
else {
  rmSync(app, { recursive: true, force: true });
  cpSync(path.resolve(built), app, { recursive: true });
}
viteBuild(seed, path.join(REPO_ROOT, 'bench/vite.librarySeed.config.ts'));
cpSync(seed, path.join(app, 'bench-seed'), { recursive: true });

interface Marks {
  click?: number;
  listed?: number;
  painted?: number;
  items?: number;
}

const server = await startPreviewServer({ distDir: app });
const browser = await launchBrowser();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}bench-seed/`);
  const seeded = await page.waitForFunction(() => document.body.dataset.seeded, null, { timeout: 900_000, polling: 500 });
  const filled = JSON.parse((await seeded.jsonValue()) as string) as { words: number; batchesEach: number; ms: number; storage: string };
  if (filled.storage !== 'indexeddb') throw new Error(`the seed page could not use IndexedDB (${filled.storage})`);
  console.log(`filled ${FULL_LIBRARY.transcripts} transcripts of ${FULL_LIBRARY.seconds / 60} min, ${filled.words} words in ${filled.batchesEach} batches each: ${(filled.ms / 1000).toFixed(1)} s`);

  // In the app's page only: choose the Library tab as soon as it is there, then note when the first
  // item is in the document and when the frame that shows it has been produced.
  await context.addInitScript(() => {
    if (location.pathname !== '/') return;
    const marks: Marks = {};
    (window as unknown as { libraryOpen: Marks }).libraryOpen = marks;
    const observer = new MutationObserver(() => {
      const tab = document.querySelector<HTMLElement>('#tab-library');
      if (marks.click === undefined && tab !== null) {
        marks.click = performance.now();
        tab.click();
      }
      if (marks.listed === undefined && document.querySelector('[data-testid="library-item"]') !== null) {
        marks.listed = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => {
          const after = new MessageChannel();
          after.port1.onmessage = () => {
            marks.painted = performance.now();
            marks.items = document.querySelectorAll('[data-testid="library-item"]').length;
          };
          after.port2.postMessage(null);
        });
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });

  const fromClick: number[] = [];
  const fromNavigation: number[] = [];
  await page.goto(`${server.url}?model=/models/tone-ctc`);
  for (let run = 0; run <= runs; run++) {
    if (run > 0) await page.reload();
    const handle = await page.waitForFunction(() => {
      const marks = (window as unknown as { libraryOpen?: Marks }).libraryOpen;
      return marks?.painted === undefined ? null : marks;
    }, null, { timeout: 60_000, polling: 50 });
    const marks = (await handle.jsonValue()) as Required<Marks>;
    if (marks.items !== FULL_LIBRARY.transcripts) throw new Error(`the list shows ${marks.items} items, not ${FULL_LIBRARY.transcripts}`);
    const line = `tab chosen → list painted ${(marks.painted - marks.click).toFixed(0)} ms; navigation → list painted ${marks.painted.toFixed(0)} ms`;
    // The first visit installs the service worker and caches the model: a warm-up, not counted.
    if (run === 0) console.log(`first visit (not counted): ${line}`);
    else {
      console.log(`run ${run}: ${line}`);
      fromClick.push(marks.painted - marks.click);
      fromNavigation.push(marks.painted);
    }
  }
  console.log(
    `library view with ${FULL_LIBRARY.transcripts} transcripts: tab chosen → list painted, median ${median(fromClick).toFixed(0)} ms of ${runs} (target < 300 ms); navigation → list painted, median ${median(fromNavigation).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await server.close();
}
