// The app's throughput against the runtime's limit, at the default window and stride, on base-bench
// (WASM), without the rest of `npm run bench -- --only=base`. Each round measures the limit as
// run.ts does (bare ONNX Runtime Web sessions, plain and the app's build, 20 s windows back to
// back: the faster one) and then the app on the same audio, each in a fresh Chromium, so every
// ratio pairs figures taken minutes apart on a shared machine. Also the page's main-thread busy
// time during the job, which competes with ONNX Runtime's threads for the same cores.
//
//   flock /tmp/heavy.lock npx tsx bench/throughput.ts [--rounds=2] [--minutes=10] [--build=NAME] [--also=NAME,…] [--no-build]
//
// --build names the folder the tree's app is built into (bench/out/app-NAME; default "throughput");
// --also runs earlier builds too, every round, to compare two versions of the code on one machine.
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../src/engine/protocol.ts';
import { jobAfter, runRuntime, watchStatus } from './browserRuns.ts';
import { toneClip } from './clips.ts';
import type { RuntimeBuild } from './runtime/runtime.worker.ts';
import { launchBrowser, newPage, uploadFile, waitForStatus } from '../test/support/harness.ts';
import { BENCH_PAGES_CONFIG, OUT, viteBuild, vitePreview } from '../test/support/servers.ts';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ROUNDS = Number(option('rounds') ?? 2);
const MINUTES = Number(option('minutes') ?? 10);
const BUILD = option('build') ?? 'throughput';
const ALSO = option('also')?.split(',') ?? [];
const MODEL = 'base-bench';
/** As run.ts measures the limit: 60 s of windows after a first one. */
const RUNTIME_WINDOWS = Math.ceil(60 / DEFAULT_WINDOW_SECONDS);
const LIMIT_BUILDS: readonly RuntimeBuild[] = ['plain', 'webgpu-bundle-plain'];

interface AppRun {
  readonly wallSeconds: number;
  readonly windows: number;
  /** The page's main-thread task time during the job (Chromium's TaskDuration metric). */
  readonly pageBusySeconds: number;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function runApp(appUrl: string, file: string): Promise<AppRun> {
  const browser = await launchBrowser();
  try {
    const { page } = await newPage(browser);
    await page.goto(`${appUrl}?model=/models/${MODEL}&device=wasm`);
    await waitForStatus(page, ['idle'], 180_000);
    await watchStatus(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyBefore = await taskSeconds(cdp);
    await uploadFile(page, file);
    const job = await jobAfter(page, 0, 1_800_000);
    const busyAfter = await taskSeconds(cdp);
    if (job.state !== 'done') throw new Error(`The job ended ${job.state}.`);
    const windows = Number(await page.getByTestId('memory-panel').getAttribute('data-windows-run'));
    return { wallSeconds: job.seconds, windows, pageBusySeconds: busyAfter - busyBefore };
  } finally {
    await browser.close();
  }
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const appDir = (name: string) => path.join(OUT, `app-${name}`);

if (!process.argv.includes('--no-build')) {
  viteBuild(appDir(BUILD));
  viteBuild(path.join(OUT, 'pages'), BENCH_PAGES_CONFIG);
}
const builds = [BUILD, ...ALSO];
const apps = await Promise.all(builds.map((name) => vitePreview(appDir(name))));
const pages = await vitePreview(path.join(OUT, 'pages'), BENCH_PAGES_CONFIG);
try {
  const clip = toneClip(MINUTES);
  console.log(`${MODEL}, WASM, window ${DEFAULT_WINDOW_SECONDS} s, stride ${DEFAULT_STRIDE_SECONDS} s, ${clip.label} (${clip.seconds.toFixed(1)} s of audio)`);
  for (let round = 1; round <= ROUNDS; round++) {
    const limits: number[] = [];
    for (const build of LIMIT_BUILDS) {
      const { run } = await runRuntime(pages.url, build, MODEL, DEFAULT_WINDOW_SECONDS, RUNTIME_WINDOWS);
      limits.push(DEFAULT_WINDOW_SECONDS / mean(run.windowSeconds));
      console.log(`round ${round}: bare ${build}: ${mean(run.windowSeconds).toFixed(2)} s a window (${run.windowSeconds.map((t) => t.toFixed(2)).join(', ')}): ${limits.at(-1)!.toFixed(2)}×`);
    }
    const limit = Math.max(...limits);
    for (const [i, name] of builds.entries()) {
      const result = await runApp(apps[i].url, clip.file);
      const speed = clip.seconds / result.wallSeconds;
      console.log(
        `  ${name}: ${result.wallSeconds.toFixed(1)} s, ${result.windows} windows: ${speed.toFixed(2)}×, ${(speed / limit).toFixed(3)} of the limit; page main thread busy ${result.pageBusySeconds.toFixed(1)} s`,
      );
    }
  }
} finally {
  for (const app of apps) await app.close();
  await pages.close();
}
