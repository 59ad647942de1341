// The Library view of the running app, for browser tests: its region, its items, and the reload
// that cuts a job short.
import type { Locator, Page } from 'playwright-core';
import { waitForStatus } from './harness.ts';
import { openSideTab } from './sidePanel.ts';

export const libraryRegion = (page: Page): Locator => page.getByRole('region', { name: 'Library' });

export const libraryItem = (page: Page, name: string | RegExp): Locator =>
  libraryRegion(page).getByTestId('library-item').filter({ hasText: name });

export const interruptedItems = (page: Page): Locator => libraryRegion(page).locator('[data-testid="library-item"][data-state="interrupted"]');

/** After a reload: waits for the model to be ready again and shows the Library tab. */
export async function backAfterReload(page: Page): Promise<void> {
  await waitForStatus(page, ['idle'], 60_000);
  await openSideTab(page, 'Library');
}

/** Picks `file` and reloads the page once its status shows 40 to 59 % done, then waits as backAfterReload does. */
export async function reloadMidFile(page: Page, file: string): Promise<void> {
  await page.getByLabel('Audio file').setInputFiles(file);
  await page.waitForFunction(() => /… (4\d|5\d) %/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), null, { timeout: 60_000, polling: 50 });
  await page.reload();
  await backAfterReload(page);
}

/** The one interrupted item, once the library lists it, showing how far it got. */
export async function theInterruptedItem(page: Page): Promise<Locator> {
  const interrupted = interruptedItems(page);
  await waitForCount(interrupted, 1, 15_000);
  const text = (await interrupted.textContent()) ?? '';
  if (!/Interrupted at \d+:\d\d of \d+:\d\d/.test(text)) throw new Error(`the interrupted item does not say where it stopped: ${text}`);
  return interrupted;
}

async function waitForCount(locator: Locator, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} of ${locator}, found ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await locator.count();
  }
}
