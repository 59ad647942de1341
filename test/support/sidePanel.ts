import type { Page } from 'playwright-core';

/** The side panel's tabs; only the selected one's panel is visible (the others stay mounted). */
export type SideTab = 'Model' | 'Memory' | 'Storage' | 'Library';

/** Selects a tab of the side panel, so that its panel can be seen and used. */
export async function openSideTab(page: Page, name: SideTab): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}
