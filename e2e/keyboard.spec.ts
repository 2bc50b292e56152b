// Issue 18, part E: the app without a mouse. Message rows, sequence lanes and the screens' labels are reached and
// operated by keyboard; verdicts and prompts are announced (live regions); the window has landmarks and headings.
import { expect, test } from '@playwright/test';
import { appUrl, filterMessages, loadScenario, openApp, play, screen, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

test('message rows, lanes and screen labels work from the keyboard', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  await filterMessages(page, { topic: 'lock/unlock', kind: 'command' });
  const row = page.locator('[data-testid=message-row][data-topic="lock/unlock"]').last();
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('message-inspector')).toContainText('lock/unlock');
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await filterMessages(page, { topic: '', kind: '' });
  const lane = page.getByTestId('sequence-message').first();
  const topic = await lane.getAttribute('data-topic');
  await lane.focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('message-inspector')).toContainText(topic!);

  const label = screen(page, 'tv').getByRole('button', { name: /TV/ });
  await label.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('twin-select')).toHaveValue(/screen\.tv$/);
});

test('verdicts and prompts are announced; landmarks and headings name the window', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Twinbench' })).toBeVisible();
  for (const name of ['Scenario', 'Recordings', 'Twin inspector', 'Message flow', 'Device screens']) {
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  await play(page, 5);
  const prompt = screen(page, 'car').getByRole('alertdialog');
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(prompt).toHaveAccessibleDescription(/Unlock/);
  // A prompt counts down to its expiry, in the app's one time format.
  await expect(prompt.getByTestId('prompt-countdown')).toHaveText(/^answer within \d+:\d\d · until \d\d:\d\d:\d\d\.\d{3}$/);
  await prompt.getByRole('button', { name: 'Confirm' }).focus();
  await page.keyboard.press('Enter');
  await expect(screen(page, 'car').getByRole('status')).toHaveText('🔓 Front door unlocked');
  await play(page, 'max');
  await expect(page.getByRole('status').filter({ hasText: /PASS|FAIL/ })).toBeVisible({ timeout: 60_000 });
});
