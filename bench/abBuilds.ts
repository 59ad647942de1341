// `npx tsx bench/abBuilds.ts --a=DIR --b=DIR [--runs=4] [--file=PATH]`: two builds of the app
// (e.g. before and after a change), the same file transcribed in each in turn, A B A B …, in
// Debian's headless Chromium on the WASM backend. Prints each run's wall time and the median
// ratio B/A, so a comparison holds while the machine's speed drifts.
import path from 'node:path';
import { launchBrowser, newPage, SHARED, startPreviewServer, transcribeFile } from '../test/support/harness.ts';

const arg = (name: string, fallback?: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const dirs = { A: arg('a'), B: arg('b') };
if (!dirs.A || !dirs.B) throw new Error('Give both builds: --a=DIR --b=DIR');
const runs = Number(arg('runs', '4'));
const file = path.resolve(arg('file', path.join(SHARED, 'audio/tones/long/ten-minutes.opus'))!);

const servers = { A: await startPreviewServer({ distDir: dirs.A }), B: await startPreviewServer({ distDir: dirs.B }) };
const browser = await launchBrowser();
const times: Record<'A' | 'B', number[]> = { A: [], B: [] };

async function once(which: 'A' | 'B'): Promise<number> {
  const { page, close } = await newPage(browser);
  try {
    await page.goto(`${servers[which].url}?model=/models/tone-ctc&device=wasm`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-state') === 'idle', null, { timeout: 60_000 });
    const started = Date.now();
    const status = await transcribeFile(page, file, 300_000);
    if (status.state !== 'done') throw new Error(`${which}: ${status.message}`);
    return (Date.now() - started) / 1000;
  } finally {
    await close();
  }
}

try {
  await once('A'); // warm-up: the OS caches the files, Chromium its code
  for (let r = 0; r < runs; r++) {
    for (const which of ['A', 'B'] as const) {
      const seconds = await once(which);
      times[which].push(seconds);
      console.log(`run ${r + 1} ${which}: ${seconds.toFixed(2)} s`);
    }
  }
} finally {
  await browser.close();
  await servers.A.close();
  await servers.B.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratios = times.A.map((a, i) => times.B[i] / a);
console.log(`A ${dirs.A}: median ${median(times.A).toFixed(2)} s; B ${dirs.B}: median ${median(times.B).toFixed(2)} s`);
console.log(`B/A pair by pair: ${ratios.map((r) => r.toFixed(3)).join(', ')}; median ${median(ratios).toFixed(3)}`);
