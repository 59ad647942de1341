// `npx tsx bench/loadedMemory.ts`: where the browser's memory goes once the model is loaded, before
// any job. Headless Chromium opens the production build on a model (base-bench, q8, WASM) once to
// download it into its cache, then again, started afresh on the same profile, to load it from there;
// it then prints the PSS of each Chromium process type and the renderer's largest mappings, forces
// a full collection in the page and in every worker and prints them again.
//
//   npx tsx bench/loadedMemory.ts                      # base-bench
//   npx tsx bench/loadedMemory.ts --model=tone-ctc     # what the browser takes with a tiny model
//   npx tsx bench/loadedMemory.ts --no-build --mappings=30
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, waitForStatus } from '../test/support/harness.ts';
import { chromiumProcesses, chromiumPssByType, mappingsOf, type Mapping } from '../test/support/processMemory.ts';
import { OUT, viteBuild, vitePreview } from '../test/support/servers.ts';
import { collectPageAndWorkers, EXPOSE_GC_ARGS } from '../test/support/forcedCollection.ts';

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MODEL = arg('model') ?? 'base-bench';
const MAPPINGS = Number(arg('mappings') ?? 15);
const APP_OUT = path.join(OUT, 'budget-app');

function byType(): string {
  const rows = [...chromiumPssByType()].sort((a, b) => b[1].pss - a[1].pss);
  const total = rows.reduce((sum, [, b]) => sum + b.pss, 0);
  return `total ${mib(total)}: ` + rows.map(([type, b]) => `${type} ${mib(b.pss)} (anon ${mib(b.anon)}, file ${mib(b.file)}, shmem ${mib(b.shmem)})`).join('; ');
}

/** The renderer's memory by kind of mapping, then its largest mappings. */
function renderer(): string {
  const lines: string[] = [];
  for (const { pid } of chromiumProcesses().filter((p) => p.type === 'renderer')) {
    const mappings = mappingsOf(pid);
    const kinds = new Map<string, number>();
    const kindOf = (m: Mapping) =>
      m.name !== ''
        ? m.name.startsWith('[') || m.name.startsWith('/memfd') || m.name.startsWith('/dev')
          ? m.name
          : 'files'
        : m.size >= MIB
          ? 'anon: mappings ≥ 1 MiB'
          : 'anon: mappings < 1 MiB';
    for (const m of mappings) kinds.set(kindOf(m), (kinds.get(kindOf(m)) ?? 0) + m.pss);
    const total = mappings.reduce((sum, m) => sum + m.pss, 0);
    lines.push(
      `  renderer ${pid}: ${mib(total)}: ` +
        [...kinds]
          .filter(([, pss]) => pss >= MIB)
          .sort((a, b) => b[1] - a[1])
          .map(([kind, pss]) => `${kind} ${mib(pss)}`)
          .join(', '),
    );
    const largest = [...mappings].sort((a, b) => b.pss - a.pss).slice(0, MAPPINGS);
    lines.push(`    largest: ${largest.map((m) => `${mib(m.pss)} of ${mib(m.size)} ${m.name || 'anon'}`).join('; ')}`);
  }
  return lines.join('\n');
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function report(label: string): Promise<void> {
  await settle(1500);
  console.log(`${label}\n  ${byType()}\n${renderer()}`);
}

async function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...EXPOSE_GC_ARGS],
  });
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) viteBuild(APP_OUT);
  const server = await vitePreview(APP_OUT);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'loaded-profile-'));
  const url = `${server.url}?model=/models/${MODEL}&device=wasm`;
  try {
    let context = await launch(profile);
    await report('browser started, no page');
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await waitForStatus(page, ['idle'], 300_000);
    await report(`${MODEL} downloaded and loaded (first visit)`);
    await context.close();

    context = await launch(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await waitForStatus(page, ['idle'], 300_000);
    await report(`${MODEL} loaded from the cache (browser started afresh)`);
    console.log(`  collected the page and ${await collectPageAndWorkers(page)}`);
    await report('after a forced full collection in the page and its workers');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

await main();
