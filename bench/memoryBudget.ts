// `npx tsx bench/memoryBudget.ts`: what each memory budget costs at the size users run. For every
// mode (src/features/model/memoryBudget.ts), headless Chromium opens the production build on
// ../shared/models/base-bench (q8, WASM) once to download the model into its cache, then again,
// started afresh on the same profile, to load it from there and transcribe the first minute of the
// ten-minute tone file. It prints the peak of the summed proportional set size of Chromium's
// processes (sampled from /proc throughout, load included) and the real-time factor, with the
// first visit's peak apart.
//
//   npx tsx bench/memoryBudget.ts                          # the modes
//   npx tsx bench/memoryBudget.ts --budgets=low            # some of the modes
//   npx tsx bench/memoryBudget.ts --candidates=20/2,10/1   # window/stride pairs (the default runtime) to choose them from
//   npx tsx bench/memoryBudget.ts --minutes=2 --no-build   # longer audio; reuse the last build
//   npx tsx bench/memoryBudget.ts --processes --model=tone-ctc  # PSS by process; another model
//   npx tsx bench/memoryBudget.ts --collect-after-load     # force a full collection once the model is loaded
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUDGET_MODES, MEMORY_BUDGETS, type WindowChoice } from '../src/features/model/memoryBudget.ts';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, uploadFile, waitForStatus } from '../test/support/harness.ts';
import { chromiumPssBytes, chromiumPssByType } from '../test/support/processMemory.ts';
import { memoryPanelAfter, pageClock } from '../test/support/memoryPanel.ts';
import { OUT, viteBuild, vitePreview } from '../test/support/servers.ts';
import { jobAfter, watchStatus } from './browserRuns.ts';
import { collectPageAndWorkers, EXPOSE_GC_ARGS } from '../test/support/forcedCollection.ts';
import { toneClip } from './clips.ts';

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const APP_OUT = path.join(OUT, 'budget-app');
/** base-bench unless `--model=` names another folder of ../shared/models (tone-ctc shows what the browser takes without a real model). */
const MODEL = process.argv.find((a) => a.startsWith('--model='))?.slice(8) ?? 'base-bench';
/** What the peak would be if the engine worker's garbage from the load (the model file's bytes) were gone. */
const COLLECT_AFTER_LOAD = process.argv.includes('--collect-after-load');

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
    const budgets = arg('budgets')?.split(',') ?? MEMORY_BUDGETS;
    return MEMORY_BUDGETS.filter((budget) => budgets.includes(budget)).map((budget) => ({ name: BUDGET_MODES[budget].label, ...BUDGET_MODES[budget] }));
  }
  return listed.split(',').map((pair) => {
    const [windowSeconds, strideSeconds] = pair.split('/').map(Number);
    if (!(windowSeconds > 0) || !(strideSeconds >= 0)) throw new Error(`"${pair}" is not window/stride in seconds`);
    return { name: pair, windowSeconds, strideSeconds, limitBytes: null };
  });
}

/** Chromium's processes under this one, by their --type (the browser process has none), with the PSS of each kind of page. */
function pssByProcessType(): string {
  return [...chromiumPssByType()]
    .sort((a, b) => b[1].pss - a[1].pss)
    .map(([type, b]) => `${type} ${mib(b.pss)} (anon ${mib(b.anon)}, file ${mib(b.file)}, shmem ${mib(b.shmem)})`)
    .join('; ');
}

/** Samples the summed PSS until stopped; keeps the peak of each phase (model load, then the job). */
function samplePss(everyMs: number): { nextPhase(): number; stop(): number } {
  let peak = chromiumPssBytes();
  const timer = setInterval(() => (peak = Math.max(peak, chromiumPssBytes())), everyMs);
  return {
    nextPhase() {
      const ended = Math.max(peak, chromiumPssBytes());
      peak = 0;
      return ended;
    },
    stop() {
      clearInterval(timer);
      return Math.max(peak, chromiumPssBytes());
    },
  };
}

/** Page-clock seconds from the status turning 'transcribing' to its turning final. */
async function timedJob(page: Page, file: string): Promise<{ state: string; seconds: number }> {
  await watchStatus(page);
  await uploadFile(page, file);
  const { state, seconds } = await jobAfter(page, 0, 1_800_000);
  return { state, seconds };
}

/** One visit in a browser started on `profile`: open the app, wait for the model, then `body`; with the visit's peak PSS. */
async function visit<T>(appUrl: string, profile: string, query: string, body: (page: Page, pss: ReturnType<typeof samplePss>) => Promise<T>): Promise<{ value: T; peak: number }> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...(COLLECT_AFTER_LOAD ? EXPOSE_GC_ARGS : [])] });
  const pss = samplePss(200);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${appUrl}?${query}`);
    await waitForStatus(page, ['idle'], 300_000);
    const value = await body(page, pss);
    return { value, peak: pss.stop() };
  } finally {
    pss.stop();
    await context.close();
  }
}

async function main(): Promise<void> {
  const minutes = Number(arg('minutes') ?? 1);
  const clip = toneClip(minutes);
  const appDir = arg('app-dir') ?? APP_OUT;
  if (!process.argv.includes('--no-build')) viteBuild(appDir);
  const server = await vitePreview(appDir);
  const rows: string[] = [];
  try {
    for (const candidate of candidates()) {
      const query = `model=/models/${MODEL}&device=wasm&window=${candidate.windowSeconds}&stride=${candidate.strideSeconds}`;
      const profile = mkdtempSync(path.join(os.tmpdir(), 'budget-profile-'));
      try {
        // The first visit downloads the model into Cache Storage; a later one, in a browser started
        // afresh on the same profile, loads it from there and runs the job.
        const firstVisit = await visit(server.url, profile, query, async () => {});
        const later = await visit(server.url, profile, query, async (page, pss) => {
          if (COLLECT_AFTER_LOAD) console.log(`  collected the page and ${await collectPageAndWorkers(page)}`);
          const loadPeak = pss.nextPhase();
          const loaded = chromiumPssBytes();
          if (process.argv.includes('--processes')) console.log(`  loaded, by process: ${pssByProcessType()}`);
          const job = await timedJob(page, clip.file);
          const jobPeak = pss.nextPhase();
          if (process.argv.includes('--processes')) console.log(`  after the job, by process: ${pssByProcessType()}`);
          const panel = await memoryPanelAfter(page, await pageClock(page), { measured: true, timeoutMs: 200_000 });
          const breakdown = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('[data-testid="memory-breakdown"] tr[data-part]')].map((row) => [row.dataset.part!, row.dataset.bytes ?? ''] as const),
          );
          console.log(`  the memory panel after the job: ${breakdown.map(([part, bytes]) => `${part} ${bytes === '' ? '—' : mib(Number(bytes))}`).join(', ')}`);
          return { loadPeak, loaded, job, jobPeak, heap: panel.wasmHeapBytes ?? 0 };
        });
        const { loadPeak, loaded, job, jobPeak, heap } = later.value;
        const peak = Math.max(loadPeak, jobPeak);
        const rtf = job.seconds / clip.seconds;
        const fits = candidate.limitBytes === null ? '' : peak <= candidate.limitBytes ? ` fits ${candidate.limitBytes / MIB} MiB,` : ` OVER ${candidate.limitBytes / MIB} MiB,`;
        const row =
          `${candidate.name.padEnd(11)} window ${candidate.windowSeconds} s, stride ${candidate.strideSeconds} s: peak PSS ${mib(peak)},${fits} ` +
          `RTF ${rtf.toFixed(3)} (${(1 / rtf).toFixed(2)}× real time, ${job.state}); ` +
          `load from the cache peak ${mib(loadPeak)}, loaded ${mib(loaded)}, job peak ${mib(jobPeak)}, WASM heap ${mib(heap)}; first visit (download) peak ${mib(firstVisit.peak)}`;
        console.log(row);
        rows.push(row);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  console.log(`\n${MODEL}, q8 on WASM,${COLLECT_AFTER_LOAD ? ' garbage collected after the load,' : ''} ${clip.label} of ${path.basename(clip.file)}, summed PSS of Chromium's processes:\n${rows.join('\n')}`);
}

await main();
