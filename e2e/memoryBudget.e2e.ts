// The memory budget in the real app: a radio group in Settings that chooses the window and stride
// of the next file (the engine's window shows it), the speed each budget last ran at here,
// remembered across visits, and the window and stride fields as a Custom override.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { budgetWindows } from '../src/features/model/memoryBudget.ts';
import { newPage, SHARED, transcribeFile, waitForStatus } from '../test/support/harness.ts';
import { previewSuite } from '../test/support/previewSuite.ts';
import { memoryPanelAfter, pageClock } from '../test/support/memoryPanel.ts';

const TEN_MINUTES = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
const low = budgetWindows('low');
const suite = previewSuite();

async function openSettings(page: Page, query: string): Promise<void> {
  await page.goto(`${suite.server.url}?model=/models/tone-ctc&device=wasm${query}`);
  await waitForStatus(page, ['idle'], 60_000);
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByText('Settings', { exact: true }).click();
}

const about = (page: Page, budget: string) => page.getByTestId(`budget-${budget}-about`).textContent();

async function transcribeInWindowsOf(page: Page, seconds: number): Promise<void> {
  const status = await transcribeFile(page, TEN_MINUTES, 300_000);
  expect(status.state, status.message).toBe('done');
  expect((await memoryPanelAfter(page, await pageClock(page))).windowSamples).toBe(seconds * 16_000);
}

describe('memory budget', () => {
  it('chooses the window and stride, shows each budget its measured speed, and remembers it', async () => {
    const { page, context, close, errors } = await newPage(suite.browser);
    try {
      await openSettings(page, '');
      const group = page.getByRole('group', { name: 'Memory budget' });
      const balanced = group.getByRole('radio', { name: 'Balanced' });
      const lowRadio = group.getByRole('radio', { name: 'Low memory' });
      expect(await balanced.isChecked()).toBe(true);
      // Balanced loads the model straight away; Low memory warms the runtime up first (below).
      expect(await page.getByTestId('backend').textContent()).not.toMatch(/warm/);
      expect(await about(page, 'low')).toMatch(/one runtime thread and a warm-up before the model loads, from the next model load/);
      expect(await about(page, 'balanced')).not.toMatch(/warm-up/);
      expect(await about(page, 'balanced')).toMatch(/speed here: not measured yet$/);
      expect(await about(page, 'low')).toMatch(/speed here: not measured yet$/);

      await transcribeInWindowsOf(page, budgetWindows('balanced').windowSeconds);
      await expect.poll(() => about(page, 'balanced')).toMatch(/speed here: \d+(\.\d+)?× real time \(real-time factor \d\.\d\d, last 10 min file\)$/);
      expect(await about(page, 'low')).toMatch(/not measured yet$/);

      // Keyboard: the arrow key moves the choice within the group.
      await balanced.focus();
      await page.keyboard.press('ArrowDown');
      expect(await lowRadio.isChecked()).toBe(true);
      expect(Number(await page.getByLabel(/^Window \(seconds/).inputValue())).toBe(low.windowSeconds);
      expect(Number(await page.getByLabel(/^Stride on each side/).inputValue())).toBe(low.strideSeconds);
      await transcribeInWindowsOf(page, low.windowSeconds);
      await expect.poll(() => about(page, 'low')).toMatch(/× real time/);

      // A window set by hand overrides the budget: no budget is chosen then.
      await page.getByLabel(/^Window \(seconds/).fill('13');
      expect(await page.getByTestId('budget-custom').textContent()).toMatch(/^Custom: a 13 s window/);
      expect(await balanced.isChecked()).toBe(false);
      expect(await lowRadio.isChecked()).toBe(false);
      await transcribeInWindowsOf(page, 13);

      // Another visit on this device: both speeds are remembered; ?budget= picks the budget.
      const again = await context.newPage();
      await openSettings(again, '&budget=low');
      expect(await again.getByRole('radio', { name: 'Low memory' }).isChecked()).toBe(true);
      // Loaded in Low memory, the engine runs one thread and ran the warm-up graph first (on a busy
      // machine the warm-up may stop at its time limit).
      expect(await again.getByTestId('backend').getAttribute('data-threads')).toBe('1');
      expect(await again.getByTestId('backend').textContent()).toMatch(/; runtime warm(ed up in \d+ runs|-up stopped after \d+ runs) \(\d+\.\d s\)/);
      expect(await about(again, 'balanced')).toMatch(/× real time/);
      expect(await about(again, 'low')).toMatch(/× real time/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
