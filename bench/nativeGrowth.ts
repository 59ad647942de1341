// Where the renderer's native memory goes as files follow one another in one page: after each
// file, the proportional set size of each Chromium process by type, the DOM counters and the V8
// heap, and at the end the renderer's sampled native allocations still live, grouped by stack.
//
//   npx tsx bench/nativeGrowth.ts            # 30 tone sentence clips, tone-ctc
//   npx tsx bench/nativeGrowth.ts --files=60
//   npx tsx bench/nativeGrowth.ts --config=bench/vite.noAutosave.config.ts   # another build of the app
//   npx tsx bench/nativeGrowth.ts --hide='[data-testid="finished-files"]'     # leave parts of the page unrendered
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, transcribeFile } from '../test/support/harness.ts';
import { chromiumPssByType } from '../test/support/processMemory.ts';
import { OUT, viteBuild, vitePreview } from '../test/support/servers.ts';
import { sentenceManifest, TONES } from '../test/support/sharedFixtures.ts';

const files = Number(process.argv.find((a) => a.startsWith('--files='))?.slice(8) ?? 30);
const config = process.argv.find((a) => a.startsWith('--config='))?.slice(9);
const hide = process.argv.find((a) => a.startsWith('--hide='))?.slice(7);
const MB = 1e6;

const outDir = path.join(OUT, 'app');
viteBuild(outDir, config && path.resolve(config));
const server = await vitePreview(outDir);
const work = mkdtempSync(path.join(tmpdir(), 'native-growth-'));
const browser = await launchBrowser();
try {
  const { page } = await newPage(browser, { bypassCSP: hide !== undefined });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${server.url}?model=/models/tone-ctc&device=wasm`);
  await page.waitForSelector('[data-testid="status"][data-state="idle"]', { timeout: 120_000 });
  if (hide) await page.addStyleTag({ content: `${hide} { display: none !important; }` });
  const sentences = sentenceManifest();
  await cdp.send('Memory.startSampling', { samplingInterval: 16_384, suppressRandomness: true });
  const rows: string[] = [];
  for (let i = 0; i < files; i++) {
    const { file } = sentences[i % sentences.length];
    const copy = path.join(work, `${String(i).padStart(3, '0')}-${file}`);
    copyFileSync(path.join(TONES, 'sentences', file), copy);
    await transcribeFile(page, copy);
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 300));
    const dom = await cdp.send('Memory.getDOMCounters');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const pss = Object.fromEntries([...chromiumPssByType()].map(([type, { anon, shmem }]) => [type, anon + shmem]));
    const row = [
      String(i + 1),
      ...Object.entries(pss)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, bytes]) => `${type} ${(bytes / MB).toFixed(1)}`),
      `nodes ${dom.nodes}`,
      `listeners ${dom.jsEventListeners}`,
      `documents ${dom.documents}`,
      `V8 ${(heap.usedSize / MB).toFixed(1)}`,
    ].join(' | ');
    rows.push(row);
    console.log(row);
  }
  const profile = await cdp.send('Memory.getSamplingProfile');
  writeFileSync(path.join(OUT, 'native-profile.json'), JSON.stringify(profile));
  const byFrame = new Map<string, number>();
  for (const sample of profile.profile.samples) {
    // The first frames are the allocator's own; name a sample by the frames that asked for the memory.
    const key = sample.stack.filter((f) => !/alloc|malloc|Partition|operator new|base::/i.test(f)).slice(0, 4).join(' < ');
    byFrame.set(key, (byFrame.get(key) ?? 0) + sample.total);
  }
  console.log(`\nLive sampled native allocations in the renderer, largest first (all samples: ${path.relative(process.cwd(), path.join(OUT, 'native-profile.json'))}):`);
  for (const [stack, bytes] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(bytes / MB).toFixed(2)} MB  ${stack}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
