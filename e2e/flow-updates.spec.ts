// The flow view's log changes a message in place as its updates arrive (renderer/state/message-log.ts), so the views
// must re-render on its revision, not on a new object: a message selected while in flight must show, in its row and
// in the inspector, that it arrived — a row memoised on the envelope alone would stay "in flight" for ever.
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, play } from './steps';

test.use({ baseURL: appUrl() });

test('flow view: a message selected in flight shows its arrival in its row and the inspector', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { architecture: 'cloud-cloud' });
  // Slowly, so a message is still on its way when it is clicked.
  await play(page, 0.1);
  const inFlight = page.locator('[data-testid=message-row][data-status=in-flight]').first();
  await expect(inFlight).toBeVisible({ timeout: 60_000 });
  const id = await inFlight.getAttribute('data-id');
  expect(id).not.toBeNull();
  await page.locator(`[data-testid=message-row][data-id="${id}"]`).click();
  const inspector = page.getByTestId('message-inspector');
  await expect(inspector).toBeVisible();
  const row = page.locator(`[data-testid=message-row][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', /^(delivered|failed)$/, { timeout: 60_000 });
  await expect(inspector.locator('.pill')).toHaveText(/^(delivered|failed)$/);
  if ((await row.getAttribute('data-status')) === 'delivered') {
    await expect(row.getByTestId('message-e2e-cell')).toHaveText(/^\d+(\.\d+)? ms$/);
    await expect(page.getByTestId('message-e2e')).toHaveText(/^\d+(\.\d+)? ms$/);
  }
});
