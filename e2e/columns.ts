import type { Locator, Page } from 'playwright-core';

/**
 * Hides a list's column through its column settings and waits until its header is gone. The
 * settings open in a popover that zooms in, and a click during that animation can miss the
 * checkbox (CI: "Clicking the checkbox did not change its state"): then it is clicked once more.
 */
export async function hideColumn(page: Page, list: Locator | Page, column: string): Promise<void> {
  await list.getByRole('button', { name: '列设置' }).click();
  const box = page.locator('.ant-popover:visible').getByRole('checkbox', { name: column });
  const header = list.locator('thead th').filter({ hasText: column });
  for (let attempt = 1; ; attempt++) {
    if (await box.isChecked()) await box.click();
    try {
      await header.first().waitFor({ state: 'detached', timeout: 2_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
