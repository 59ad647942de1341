// `npx tsx bench/memoryBudget.ts`: what each memory budget costs at the size users run. For every
// mode (src/features/model/memoryBudget.ts), a fresh headless Chromium opens the production build
// on ../shared/models/base-bench (q8, WASM), transcribes the first minute of the ten-minute tone
// file, and prints the peak of the summed proportional set size of Chromium's processes (sampled
// from /proc throughout, model load included) and the real-time factor.
//
//   npx tsx bench/memoryBudget.ts                          # the modes
//   npx tsx bench/memoryBudget.ts --candidates=20/2,10/1   # window/stride pairs to choose them from
//   npx tsx bench/memoryBudget.ts --minutes=2 --no-build   # longer audio; reuse the last build
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BUDGET_MODES, MEMORY_BUDGETS, type WindowChoice } from '../src/features/model/memoryBudget.ts';
import { launchBrowser, newPage, uploadFile, waitForStatus } from '../test/support/harness.ts';
import { chromiumPssBytes } from '../test/support/processMemory.ts';
import { OUT, viteBuild, vitePreview } from '../test/support/servers.ts';
import { toneClip } from './clips.ts';

const MIB = 1024 * 1024;
const APP_OUT = path.join(OUT, 'budget-app');
const MODEL = 'base-bench';

interface Candidate extends WindowChoice {
  readonly name: string;
  readonly limitBytes: number | null;
}

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function candidates(): Candidate[] {
  const listed = arg('candidates');
  if (listed === undefined) {
    return MEMORY_BUDGETS.map((budget) => ({ name: BUDGET_MODES[budget].label, ...BUDGET_MODES[budget] }));
  }
  return listed.split(',').map((pair) => {
    const [windowSeconds, strideSeconds] = pair.split('/').map(Number);
    if (!(windowSeconds > 0) || !(strideSeconds >= 0)) throw new Error(`"${pair}" is not window/stride in seconds`);
    return { name: pair, windowSeconds, strideSeconds, limitBytes: null };
  });
}

/** Samples the summed PSS until stopped; keeps the peak. */
function samplePss(everyMs: number): { stop(): number } {
  let peak = chromiumPssBytes();
  const timer = setInterval(() => (peak = Math.max(peak, chromiumPssBytes())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, chromiumPssBytes());
    },
  };
}

/** Page-clock seconds from the status turning 'transcribing' to its turning final. */
async function timedJob(page: Page, file: string): Promise<{ state: string; seconds: number }> {
  await page.evaluate(() => {
    const element = document.querySelector('[data-testid="status"]')!;
    const log: Array<[string, number]> = [];
    Object.assign(window, { budgetLog: log });
    new MutationObserver(() => log.push([element.getAttribute('data-state') ?? '', performance.now()])).observe(element, {
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  await uploadFile(page, file);
  const handle = await page.waitForFunction(
    () => {
      const log = (window as unknown as { budgetLog: Array<[string, number]> }).budgetLog;
      const begun = log.findIndex(([state]) => state === 'transcribing');
      const ended = log.findIndex(([state], i) => i > begun && ['done', 'error', 'cancelled'].includes(state));
      return begun < 0 || ended < 0 ? null : { state: log[ended][0], seconds: (log[ended][1] - log[begun][1]) / 1000 };
    },
    undefined,
    { timeout: 1_800_000, polling: 100 },
  );
  return (await handle.jsonValue())!;
}

async function main(): Promise<void> {
  const minutes = Number(arg('minutes') ?? 1);
  const clip = toneClip(minutes);
  if (!process.argv.includes('--no-build')) viteBuild(APP_OUT);
  const server = await vitePreview(APP_OUT);
  const rows: string[] = [];
  try {
    for (const candidate of candidates()) {
      const browser = await launchBrowser();
      const pss = samplePss(200);
      try {
        const { page } = await newPage(browser);
        const query = `model=/models/${MODEL}&device=wasm&window=${candidate.windowSeconds}&stride=${candidate.strideSeconds}`;
        await page.goto(`${server.url}?${query}`);
        await waitForStatus(page, ['idle'], 300_000);
        const job = await timedJob(page, clip.file);
        const peak = pss.stop();
        const rtf = job.seconds / clip.seconds;
        const fits = candidate.limitBytes === null ? '' : peak <= candidate.limitBytes ? ` fits ${candidate.limitBytes / MIB} MiB` : ` OVER ${candidate.limitBytes / MIB} MiB`;
        const row = `${candidate.name.padEnd(11)} window ${candidate.windowSeconds} s, stride ${candidate.strideSeconds} s: peak PSS ${(peak / MIB).toFixed(0)} MiB,${fits} RTF ${rtf.toFixed(3)} (${(1 / rtf).toFixed(2)}× real time, ${job.state})`;
        console.log(row);
        rows.push(row);
      } finally {
        pss.stop();
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  console.log(`\n${MODEL}, q8 on WASM, ${clip.label} of ${path.basename(clip.file)}, summed PSS of Chromium's processes:\n${rows.join('\n')}`);
}

await main();
