// A full garbage collection forced in the page and its workers, for benchmarks that ask what the
// browser holds once JavaScript garbage is gone. Chromium must be started with EXPOSE_GC_ARGS.
import path from 'node:path';
import type { Page } from 'playwright-core';

export const EXPOSE_GC_ARGS = ['--js-flags=--expose-gc'];

const WORKER_ANSWER_MS = 5000;

/** Collects the page and each of its workers; names the workers and whether each was collected. */
export async function collectPageAndWorkers(page: Page): Promise<string> {
  const gc = () => (globalThis as unknown as { gc: () => void }).gc();
  await page.evaluate(gc);
  const collected: string[] = [];
  for (const worker of page.workers()) {
    const name = path.basename(new URL(worker.url()).pathname) || worker.url();
    // ONNX Runtime's thread workers wait inside WebAssembly and never answer: give each a few seconds.
    const answer = worker.evaluate(gc).then(
      () => name,
      (error: unknown) => `${name} (not collected: ${String(error).split('\n')[0]})`,
    );
    collected.push(await Promise.race([answer, new Promise<string>((r) => setTimeout(() => r(`${name} (busy, not collected)`), WORKER_ANSWER_MS))]));
  }
  return `${collected.length} workers: ${collected.join(', ')}`;
}
