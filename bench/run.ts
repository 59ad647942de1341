// `npm run bench`: memory and speed of the streaming app against the one-pass transformers.js
// pipeline, in Debian's headless Chromium on the WASM backend, plus ORT's WebGPU buffer-cache
// modes, what recycling the engine worker returns, and base-bench (the size users run) against a
// bare ONNX Runtime session. Prints tables and writes bench/RESULTS.md.
//
//   npm run bench                         # everything (about 50 minutes on 2 cores)
//   npm run bench -- --only=tone,recycle  # sections: tone, attn, webgpu, recycle, base
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/support/harness.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../src/engine/protocol.ts';
import { runApp, runBaseline, runRuntime, withProbe, type RepeatFigures, type RunRow } from './browserRuns.ts';
import type { RuntimeBuild, RuntimeRun } from './runtime/runtime.worker.ts';
import { toneClip, type Clip } from './clips.ts';
import { BENCH_PAGES_CONFIG, OUT, REPO_ROOT, viteBuild, vitePreview, type Server } from '../test/support/servers.ts';

const SECTIONS = ['tone', 'attn', 'webgpu', 'recycle', 'base'] as const;
type Section = (typeof SECTIONS)[number];

const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const sections = new Set<Section>(onlyArg ? (onlyArg.slice(7).split(',') as Section[]) : SECTIONS);
for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`Unknown section "${s}"; pick from ${SECTIONS.join(', ')}.`);
/** The one-pass baseline gets this long per file before it counts as failed. */
const BASELINE_TIMEOUT_MS = 300_000;
const MIB = 1024 * 1024;
const RESULTS = path.join(REPO_ROOT, 'bench/RESULTS.md');
const NOTES_MARK = '<!-- Notes below this line are written by hand and kept when bench/run.ts rewrites the file. -->';

const mib = (bytes: number | null | undefined) => (bytes == null ? '—' : `${(bytes / MIB).toFixed(0)} MiB`);
const out: string[] = [];

function emit(line = ''): void {
  console.log(line);
  out.push(line);
}

function table(header: string[], rows: string[][]): void {
  emit(`| ${header.join(' | ')} |`);
  emit(`|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) emit(`| ${row.join(' | ')} |`);
  emit();
}

function runRows(rows: readonly RunRow[]): string[][] {
  return rows.map((r) => [
    r.clip,
    r.pipeline,
    (r.audioSeconds / 60).toFixed(1),
    r.wallSeconds === null ? '—' : r.wallSeconds.toFixed(1),
    r.wallSeconds === null ? '—' : (r.wallSeconds / r.audioSeconds).toFixed(4),
    r.wallSeconds === null ? '—' : `${(r.audioSeconds / r.wallSeconds).toFixed(r.audioSeconds / r.wallSeconds < 10 ? 2 : 0)}×`,
    r.windowsRun === null ? '—' : String(r.windowsRun),
    mib(r.peakPageBytes),
    mib(r.peakPssBytes),
    mib(r.peakRssBytes),
    mib(r.wasmHeapBytes),
    r.outcome,
  ]);
}

const RUN_HEADER = ['clip', 'pipeline', 'audio min', 'wall s', 'RTF', 'speed', 'windows', 'peak page memory (panel)', 'peak Chromium PSS', 'peak Chromium RSS', 'WASM heap', 'result'];

function verdict(ok: boolean, text: string): void {
  emit(`- ${ok ? 'PASS' : 'FAIL'}: ${text}`);
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

function flatness(rows: readonly RunRow[], small: string, large: string, label: string): void {
  const ours = (clip: string) => rows.find((r) => r.pipeline === 'streaming app' && r.clip === clip);
  const [a, b] = [ours(small), ours(large)];
  if (!a || !b) return;
  const page = ratio(b.peakPageBytes, a.peakPageBytes);
  const rss = ratio(b.peakRssBytes, a.peakRssBytes);
  verdict(
    page !== null && page <= 1.25,
    `${label}: peak page memory at ${large} is ${page?.toFixed(3)} × the peak at ${small} (target ≤ 1.25); summed Chromium RSS ${rss?.toFixed(3)} ×.`,
  );
}

function failurePoint(rows: readonly RunRow[]): void {
  const failed = rows.find((r) => r.pipeline === 'one-pass pipeline' && !r.ok);
  emit(
    failed
      ? `- The one-pass pipeline failed at ${failed.clip} (${(failed.audioSeconds / 60).toFixed(1)} min of audio): ${failed.outcome}. Longer clips were not tried.`
      : '- The one-pass pipeline finished every clip.',
  );
}

async function toneSection(appUrl: string, pagesUrl: string): Promise<void> {
  emit('## tone-ctc (WASM): 1, 10 and 60 minutes, and twenty 1-minute files in one page');
  emit();
  const clips = [toneClip(1), toneClip(10), toneClip(60)];
  const rows: RunRow[] = [];
  let baselineFailed = false;
  for (const clip of clips) {
    rows.push((await runApp(appUrl, 'tone-ctc', [clip], clip.label)).row);
    console.error(JSON.stringify(rows.at(-1)));
    if (baselineFailed) continue;
    const base = (await runBaseline(pagesUrl, 'tone-ctc', [clip], clip.label, BASELINE_TIMEOUT_MS)).row;
    baselineFailed = !base.ok;
    rows.push(base);
    console.error(JSON.stringify(base));
  }
  const twenty: Clip[] = Array(20).fill(clips[0]);
  const oursRepeat = await runApp(appUrl, 'tone-ctc', twenty, '20 × 1 min');
  rows.push(oursRepeat.row);
  console.error(JSON.stringify(oursRepeat.row));
  const baseRepeat = await runBaseline(pagesUrl, 'tone-ctc', twenty, '20 × 1 min', BASELINE_TIMEOUT_MS);
  rows.push(baseRepeat.row);
  table(RUN_HEADER, runRows(rows));

  flatness(rows, '1 min', '60 min', 'flat in length');
  const hour = rows.find((r) => r.pipeline === 'streaming app' && r.clip === '60 min');
  if (hour) {
    const speed = hour.wallSeconds === null ? 0 : hour.audioSeconds / hour.wallSeconds;
    verdict(speed >= 50, `throughput on the 60-minute file: ${speed.toFixed(1)} × real time (target ≥ 50 ×).`);
    verdict(hour.outcome === 'exact', `the 60-minute transcript is ${hour.outcome} (the ten-minute text six times).`);
    const base = rows.find((r) => r.pipeline === 'one-pass pipeline' && r.clip === '60 min');
    if (base?.wallSeconds != null) emit(`- One-pass pipeline on the same hour: ${(base.audioSeconds / base.wallSeconds).toFixed(1)} × real time, ${base.outcome}.`);
  }
  repeatVerdicts('streaming app', oursRepeat.repeat);
  repeatVerdicts('one-pass pipeline', baseRepeat.repeat);
  failurePoint(rows);
  emit();
}

function repeatVerdicts(pipeline: string, repeat: RepeatFigures | null): void {
  if (repeat === null) return;
  const change = (repeat.pageBytesAfterLast - repeat.pageBytesAfterFirst) / repeat.pageBytesAfterFirst;
  const heaps = repeat.wasmHeapPerFile;
  const grewAfterFirst = heaps.slice(1).some((h) => h !== heaps[0]);
  const line =
    `${pipeline}, twenty 1-minute files: page memory ${mib(repeat.pageBytesAfterFirst)} after the first, ` +
    `${mib(repeat.pageBytesAfterLast)} after the twentieth (${(change * 100).toFixed(1)} %, target within ±5 %); ` +
    `WASM heap after each file: ${[...new Set(heaps.map((h) => mib(h)))].join(' → ')}`;
  if (pipeline === 'streaming app') verdict(Math.abs(change) <= 0.05 && !grewAfterFirst, `${line}${grewAfterFirst ? ' (grew after the first)' : ' (flat after the first)'}.`);
  else emit(`- ${line}.`);
}

async function attnSection(appUrl: string, pagesUrl: string): Promise<void> {
  emit('## attn-bench (WASM, random weights, self-attention): 1, 2, 5 and 10 minutes');
  emit();
  const rows: RunRow[] = [];
  let baselineFailedAt: RunRow | null = null;
  for (const minutes of [1, 2, 5, 10]) {
    const clip = toneClip(minutes);
    rows.push((await runApp(appUrl, 'attn-bench', [clip], clip.label)).row);
    console.error(JSON.stringify(rows.at(-1)));
    if (baselineFailedAt !== null) continue;
    const base = (await runBaseline(pagesUrl, 'attn-bench', [clip], clip.label, BASELINE_TIMEOUT_MS)).row;
    rows.push(base);
    console.error(JSON.stringify(base));
    if (!base.ok) baselineFailedAt = base;
  }
  table(RUN_HEADER, runRows(rows));
  flatness(rows, '1 min', '10 min', 'flat in length with self-attention');
  failurePoint(rows);
  emit();
}

interface ProbeStats {
  wasmHeapBytes: number | null;
  gpuBufferBytes: number | null;
  gpuBufferBytesCreated: number | null;
}
interface ProbeJob {
  seconds: number;
  stats: ProbeStats;
}

async function webgpuSection(pagesUrl: string): Promise<void> {
  emit("## ORT WebGPU storage-buffer cache: 'bucket' (ORT's default) against 'simple' (SwiftShader WebGPU)");
  emit();
  emit('Each mode in a fresh browser and worker: identical jobs, then a job with a larger window (an odd input size), then the first size again.');
  emit('"created" is the bytes of GPU buffers created during that job (what a cache avoids); "live" is what is held after it.');
  emit();
  const plans = [
    { model: 'tone-ctc', jobs: [[60, 20], [60, 20], [60, 20], [60, 30], [60, 20]] },
    // SwiftShader runs attn-bench's convolutions slowly: short windows keep this section short.
    { model: 'attn-bench', jobs: [[4, 4], [4, 4], [6, 6], [4, 4]] },
  ];
  const rows: string[][] = [];
  for (const { model, jobs } of plans) {
    for (const mode of ['bucket', 'simple'] as const) {
      const done: string[][] = [];
      // SwiftShader's GPU process does not always survive a long job: keep what was measured.
      await withProbe(pagesUrl, true, async (call) => {
        const load = await call<{ info: { backend: string }; seconds: number }>('load', `/models/${model}`, 'webgpu', mode);
        if (load.info.backend !== 'webgpu') throw new Error(`WebGPU was not used for ${model}: ${JSON.stringify(load.info)}`);
        let created = (await call<ProbeStats>('stats')).gpuBufferBytesCreated ?? 0;
        for (const [i, [seconds, window]] of jobs.entries()) {
          const job = await call<ProbeJob>('transcribe', seconds, window);
          const made = (job.stats.gpuBufferBytesCreated ?? 0) - created;
          created = job.stats.gpuBufferBytesCreated ?? 0;
          done.push([model, mode, `${i + 1}: ${seconds} s, ${window} s window`, job.seconds.toFixed(1), mib(made), mib(job.stats.gpuBufferBytes), mib(job.stats.wasmHeapBytes)]);
          console.error(done.at(-1)!.join(' | '));
        }
      }).catch((error: unknown) => {
        done.push([model, mode, `${done.length + 1}: did not finish`, '—', '—', '—', String(error).split('\n')[0].slice(0, 120)]);
      });
      rows.push(...done);
    }
  }
  table(['model', 'cache mode', 'job', 'seconds', 'GPU buffers created', 'GPU buffers live after', 'WASM heap'], rows);
}

async function recycleSection(pagesUrl: string): Promise<void> {
  emit('## Recycling the engine worker (WASM): what a model swap or an odd input leaves in the WASM heap');
  emit();
  const rows: string[][] = [];
  const { value: restartSeconds } = await withProbe(pagesUrl, false, async (call) => {
    const step = async (what: string, action: () => Promise<unknown>) => {
      const started = Date.now();
      await action();
      const stats = await call<ProbeStats>('stats');
      rows.push([what, ((Date.now() - started) / 1000).toFixed(1), mib(stats.wasmHeapBytes)]);
      console.error(rows.at(-1)!.join(' | '));
    };
    await step('new worker: load tone-ctc, transcribe 60 s (20 s windows)', async () => {
      await call('load', '/models/tone-ctc', 'wasm');
      await call('transcribe', 60, 20);
    });
    await step('same worker: transcribe 120 s in one 120 s window (odd input)', () => call('transcribe', 120, 120));
    await step('same worker: transcribe 60 s (20 s windows) again', () => call('transcribe', 60, 20));
    await step('same worker: swap to attn-bench, transcribe 60 s', async () => {
      await call('load', '/models/attn-bench', 'wasm');
      await call('transcribe', 60, 20);
    });
    await step('same worker: swap back to tone-ctc, transcribe 60 s', async () => {
      await call('load', '/models/tone-ctc', 'wasm');
      await call('transcribe', 60, 20);
    });
    const started = Date.now();
    await call('startWorker');
    await call('load', '/models/tone-ctc', 'wasm');
    const seconds = (Date.now() - started) / 1000;
    await step('recycled worker: tone-ctc loaded, transcribe 60 s', () => call('transcribe', 60, 20));
    return seconds;
  });
  table(['step', 'seconds', 'WASM heap after'], rows);
  emit(`- Terminating the worker and loading tone-ctc in a new one took ${restartSeconds.toFixed(1)} s.`);
  emit();
}

const BASE = 'base-bench';
/** The bare session runs this much audio in back-to-back windows of the app's size, after one first window. */
const RUNTIME_AUDIO_SECONDS = 60;
const RUNTIME_BUILDS: readonly RuntimeBuild[] = ['plain', 'asyncify', 'webgpu-bundle-plain'];
const RUNTIME_BUILD_NAMES: Record<RuntimeBuild, string> = {
  plain: 'plain: onnxruntime-web/wasm on ort-wasm-simd-threaded.wasm',
  asyncify: 'asyncify: onnxruntime-web/webgpu on ort-wasm-simd-threaded.asyncify.wasm (the app on WebGPU)',
  'webgpu-bundle-plain': 'onnxruntime-web/webgpu on ort-wasm-simd-threaded.wasm (the app on WASM)',
};
const SWEEP_WINDOWS = [8, 10, 15, 20, 30];
const SWEEP_STRIDE_SECONDS = 1;
const BASE_BASELINE_TIMEOUT_MS = 240_000;

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const speed = (r: RunRow) => (r.wallSeconds === null ? null : r.audioSeconds / r.wallSeconds);

async function baseSection(appUrl: string, pagesUrl: string): Promise<void> {
  emit("## base-bench (WASM, q8): wav2vec2-base-960h's graph with random weights, at the size users run");
  emit();
  emit(`### The runtime's own limit: one bare ONNX Runtime Web session, ${DEFAULT_WINDOW_SECONDS} s windows back to back over ${RUNTIME_AUDIO_SECONDS} s (no overlap)`);
  emit();
  const windows = Math.ceil(RUNTIME_AUDIO_SECONDS / DEFAULT_WINDOW_SECONDS);
  const runs: Array<{ run: RuntimeRun & { measurements: number }; peakPssBytes: number }> = [];
  for (const build of RUNTIME_BUILDS) {
    runs.push(await runRuntime(pagesUrl, build, BASE, DEFAULT_WINDOW_SECONDS, windows));
    console.error(JSON.stringify(runs.at(-1)));
  }
  // What the app's memory panel costs the runtime: its browser measurements, on the app's build.
  const measured = await runRuntime(pagesUrl, 'webgpu-bundle-plain', BASE, DEFAULT_WINDOW_SECONDS, windows, true);
  console.error(JSON.stringify(measured));
  const perWindow = (r: RuntimeRun) => mean(r.windowSeconds);
  table(
    ['ORT build', 'threads', 'session created s', 'first window s', `s per window (mean of ${windows})`, 'RTF', 'speed', 'WASM heap', 'peak Chromium PSS'],
    [...runs, measured].map(({ run, peakPssBytes }) => [
      run.measurements === 0 ? RUNTIME_BUILD_NAMES[run.build] : `${RUNTIME_BUILD_NAMES[run.build]}, with ${run.measurements} browser memory measurements meanwhile (the panel's)`,
      String(run.threads),
      run.sessionSeconds.toFixed(2),
      run.firstWindowSeconds.toFixed(2),
      `${perWindow(run).toFixed(2)} (${run.windowSeconds.map((t) => t.toFixed(2)).join(', ')})`,
      (perWindow(run) / DEFAULT_WINDOW_SECONDS).toFixed(3),
      `${(DEFAULT_WINDOW_SECONDS / perWindow(run)).toFixed(2)}×`,
      mib(run.wasmHeapBytes),
      mib(peakPssBytes),
    ]),
  );
  const of = (build: RuntimeBuild) => runs.find((r) => r.run.build === build)!.run;
  const plainGain = perWindow(of('asyncify')) / perWindow(of('webgpu-bundle-plain')) - 1;
  verdict(
    plainGain >= 0,
    `on WASM the plain runtime (through the bundle transformers.js imports) runs a window ${(plainGain * 100).toFixed(1)} % faster than the asyncify one, and creates the session in ${of('webgpu-bundle-plain').sessionSeconds.toFixed(1)} s instead of ${of('asyncify').sessionSeconds.toFixed(1)} s: the app loads the plain runtime on WASM.`,
  );
  const limit = Math.max(...runs.map(({ run }) => DEFAULT_WINDOW_SECONDS / perWindow(run)));
  emit(`- The runtime's limit, the fastest build above: ${limit.toFixed(2)} × real time.`);
  const panelCost = perWindow(measured.run) / perWindow(of('webgpu-bundle-plain')) - 1;
  emit(`- The memory panel's browser measurements make the same session's windows ${(panelCost * 100).toFixed(1)} % slower.`);
  emit();

  emit("Below, the panel's peak counts the browser measurements made during the run (one can take minutes at this size) with the engine's WASM heap read every second.");
  emit();
  emit(`### The app (window ${DEFAULT_WINDOW_SECONDS} s, stride ${DEFAULT_STRIDE_SECONDS} s) on 1 and 10 minutes, and the one-pass pipeline on 30 s to 5 minutes`);
  emit();
  const rows: RunRow[] = [];
  for (const minutes of [1, 10]) {
    const clip = toneClip(minutes);
    rows.push((await runApp(appUrl, BASE, [clip], clip.label, { finalMeasurement: false })).row);
    console.error(JSON.stringify(rows.at(-1)));
  }
  for (const minutes of [0.5, 1, 2, 5]) {
    const clip = toneClip(minutes);
    const base = (await runBaseline(pagesUrl, BASE, [clip], clip.label, BASE_BASELINE_TIMEOUT_MS, { dtype: 'q8', finalMeasurement: false })).row;
    rows.push(base);
    console.error(JSON.stringify(base));
    if (!base.ok) break;
  }
  table(RUN_HEADER, runRows(rows));
  const app = (clip: string) => rows.find((r) => r.pipeline === 'streaming app' && r.clip === clip);
  const [short, long] = [app('1 min'), app('10 min')];
  const longSpeed = long === undefined ? null : speed(long);
  const share = longSpeed === null ? null : longSpeed / limit;
  verdict(
    share !== null && share >= 0.85,
    `throughput on 10 minutes: ${longSpeed?.toFixed(2) ?? '—'} × real time, ${share?.toFixed(2) ?? '—'} of the runtime's limit (target ≥ 0.85); ` +
      `${DEFAULT_WINDOW_SECONDS} s windows advancing ${DEFAULT_WINDOW_SECONDS - 2 * DEFAULT_STRIDE_SECONDS} s run ${(DEFAULT_WINDOW_SECONDS / (DEFAULT_WINDOW_SECONDS - 2 * DEFAULT_STRIDE_SECONDS)).toFixed(2)} × the audio through the model.`,
  );
  if (short && long) {
    const pss = ratio(long.peakPssBytes, short.peakPssBytes);
    const panel = ratio(long.peakPageBytes, short.peakPageBytes);
    verdict(pss !== null && pss <= 1.1, `peak summed PSS at 10 minutes is ${pss?.toFixed(3)} × the peak at 1 minute (target ≤ 1.10); the panel's peak ${panel?.toFixed(3)} ×.`);
  }
  if (long) verdict(long.peakPssBytes <= 1024 * MIB, `peak summed PSS of the default run on 10 minutes: ${mib(long.peakPssBytes)} (target ≤ 1.0 GiB).`);
  failurePoint(rows);
  emit();

  emit(`### Window sizes (stride ${SWEEP_STRIDE_SECONDS} s), 2 minutes each`);
  emit();
  const sweep: Array<{ window: number; row: RunRow }> = [];
  const twoMinutes = toneClip(2);
  for (const window of SWEEP_WINDOWS) {
    const settings = `window=${window}&stride=${SWEEP_STRIDE_SECONDS}`;
    const { row } = await runApp(appUrl, BASE, [twoMinutes], twoMinutes.label, { settings, finalMeasurement: false });
    sweep.push({ window, row });
    console.error(JSON.stringify(row));
  }
  table(
    ['window s', 'stride s', 'model time / audio time (overlap)', 'wall s', 'RTF', 'speed', 'of the limit', 'windows', 'peak page memory (panel)', 'peak Chromium PSS', 'WASM heap', 'result'],
    sweep.map(({ window, row }) => [
      String(window),
      String(SWEEP_STRIDE_SECONDS),
      (window / (window - 2 * SWEEP_STRIDE_SECONDS)).toFixed(3),
      row.wallSeconds?.toFixed(1) ?? '—',
      row.wallSeconds === null ? '—' : (row.wallSeconds / row.audioSeconds).toFixed(3),
      speed(row) === null ? '—' : `${speed(row)!.toFixed(2)}×`,
      speed(row) === null ? '—' : (speed(row)! / limit).toFixed(2),
      row.windowsRun === null ? '—' : String(row.windowsRun),
      mib(row.peakPageBytes),
      mib(row.peakPssBytes),
      mib(row.wasmHeapBytes),
      row.outcome,
    ]),
  );
  emit(`- "Of the limit" compares with the bare session's ${DEFAULT_WINDOW_SECONDS} s windows; a window's cost per second of audio changes with its size.`);
  emit();

  emit('### Ten 1-minute files in one page');
  emit();
  const ten = await runApp(appUrl, BASE, Array<Clip>(10).fill(toneClip(1)), '10 × 1 min');
  console.error(JSON.stringify(ten));
  table(RUN_HEADER, runRows([ten.row]));
  if (ten.repeat) {
    const { pageBytesAfterFirst, pageBytesAfterLast, pssBytesAfterFirst, pssBytesAfterLast } = ten.repeat;
    const pss = pssBytesAfterLast / pssBytesAfterFirst - 1;
    const panel = pageBytesAfterLast / pageBytesAfterFirst - 1;
    verdict(
      Math.abs(pss) <= 0.05,
      `summed PSS ${mib(pssBytesAfterFirst)} after the first file, ${mib(pssBytesAfterLast)} after the tenth (${(pss * 100).toFixed(1)} %, target within 5 %); ` +
        `the panel ${mib(pageBytesAfterFirst)} → ${mib(pageBytesAfterLast)} (${(panel * 100).toFixed(1)} %); WASM heap after each file: ${[...new Set(ten.repeat.wasmHeapPerFile.map((h) => mib(h)))].join(' → ')}.`,
    );
  }
  emit();
}

function machine(browserVersion: string): string[] {
  const debian = existsSync('/etc/debian_version') ? readFileSync('/etc/debian_version', 'utf8').trim() : '?';
  const pkg = (name: string) => (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Debian ${debian}, Linux ${os.release()}`,
    `- Browser: Chromium ${browserVersion} (${CHROMIUM_PATH}, headless), ORT WASM backend with the app's thread choice (2 threads here)`,
    `- Node ${process.version}; @huggingface/transformers ${pkg('@huggingface/transformers')}; onnxruntime-web ${pkg('onnxruntime-web')}`,
    `- Audio: ../shared/audio/tones/long/ten-minutes.opus, cut (0.5, 1, 2, 5 min) or repeated (60 min) with ffmpeg -c copy; window 20 s, stride 2 s`,
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  const browserVersion = browser.version();
  await browser.close();
  const ffmpeg = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0];

  viteBuild(path.join(OUT, 'app'));
  viteBuild(path.join(OUT, 'pages'), BENCH_PAGES_CONFIG);
  const servers: Server[] = [];
  try {
    const app = await vitePreview(path.join(OUT, 'app'));
    servers.push(app);
    const pages = await vitePreview(path.join(OUT, 'pages'), BENCH_PAGES_CONFIG);
    servers.push(pages);

    emit('# Benchmark results');
    emit();
    emit('Written by `npm run bench` (bench/run.ts). Wall time is transcription time with the model already loaded; RTF is wall time over audio time.');
    emit('"Peak page memory" is the memory panel\'s peak: the browser\'s measureUserAgentSpecificMemory() of the page and its workers, with the');
    emit("engine's WASM heap at its live size (src/features/memory/memoryFigures.ts); the baseline page runs the same sampler. \"Peak Chromium RSS\" sums VmRSS");
    emit('of every Chromium process of that run, sampled every 250 ms from /proc (shared pages count once per process); "peak Chromium PSS"');
    emit('sums their proportional set size (/proc/<pid>/smaps_rollup: shared pages split between the processes that map them, so counted once).');
    emit();
    for (const line of machine(browserVersion)) emit(line);
    emit(`- ${ffmpeg}`);
    emit();
    if (sections.has('tone')) await toneSection(app.url, pages.url);
    if (sections.has('attn')) await attnSection(app.url, pages.url);
    if (sections.has('webgpu')) await webgpuSection(pages.url);
    if (sections.has('recycle')) await recycleSection(pages.url);
    if (sections.has('base')) await baseSection(app.url, pages.url);
    emit(`Bench time: ${((Date.now() - started) / 60_000).toFixed(1)} min (sections: ${[...sections].join(', ')}).`);
  } finally {
    for (const server of servers) await server.close();
  }

  // A partial run leaves bench/RESULTS.md alone.
  if (onlyArg) {
    const partial = path.join(OUT, `results-${[...sections].join('-')}.md`);
    writeFileSync(partial, `${out.join('\n')}\n`);
    console.log(`\nWrote ${path.relative(process.cwd(), partial)}.`);
    return;
  }
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const notes = previous.includes(NOTES_MARK) ? previous.slice(previous.indexOf(NOTES_MARK)) : `${NOTES_MARK}\n`;
  writeFileSync(RESULTS, `${out.join('\n')}\n${notes}`);
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS)}.`);
}

await main();
