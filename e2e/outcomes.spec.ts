// Issue 18, outcomes on the device screens: the speaker's spoken answer as a speech bubble, the home's windows and
// sensors (open/closed, leak, smoke) and room temperatures, and the doorbell's video ending with the call.
import { expect, test, type Page } from '@playwright/test';
import { answerPrompt, appUrl, loadScenario, openApp, pause, play, screen, screenshotView } from './steps';

test.use({ baseURL: appUrl() });

const device = (page: Page, address: string) => page.locator(`[data-testid=device-state][data-address="${address}"]`);

test('the speaker\'s answer about the car appears as a speech bubble while it is spoken', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/home-controls-car.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await expect(page.getByTestId('speech-bubble')).toHaveCount(0);
  await play(page, 30);
  const bubble = page.getByTestId('speech-bubble');
  // At 30× a line is spoken in a fraction of a second: the bubble stays a few seconds after (data-speaking false).
  await expect(bubble).toBeVisible({ timeout: 60_000 });
  // One of the answers to the scene's questions (tyres, range, ETA, preconditioning), in the speaker's words.
  await expect(page.getByTestId('speech-text')).toContainText(/tyre|range is|arriving in|preconditioning/i);
  await pause(page);
  await screenshotView(page, 'speech-bubble', 'device-screens');
});

test('the living-room window shows open, then closed after the rainstorm; sensors and rooms read on the cards', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/rainstorm.yaml', { architecture: 'cloud-cloud', handsOn: false });
  const window = device(page, 'home/h1/cover.living_room_window');
  await expect(window).toHaveAttribute('data-state', 'closed');
  await play(page, 30);
  await expect(window).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(window).toHaveAttribute('data-alert', 'true');
  await expect(device(page, 'home/h1/binary_sensor.kitchen_leak')).toHaveText('clear');
  await expect(page.locator('[data-testid=household-device][data-kind=climate]').first()).toContainText('°C');
  await screenshotView(page, 'household-window-open', 'device-screens');
  await play(page, 300);
  await expect(window).toHaveAttribute('data-state', 'closed', { timeout: 60_000 });
  await expect(window).toHaveAttribute('data-alert', 'false');
});

test('a leak and smoke show on the home\'s sensor cards as they are raised', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/safety-alert.yaml', { architecture: 'cloud-cloud', handsOn: false });
  const leak = device(page, 'home/h1/binary_sensor.kitchen_leak');
  const smoke = device(page, 'home/h1/binary_sensor.smoke');
  await expect(leak).toHaveText('clear');
  await play(page, 10);
  await expect(leak).toHaveText('LEAK', { timeout: 30_000 });
  await expect(leak).toHaveAttribute('data-alert', 'true');
  await expect(smoke).toHaveText('SMOKE', { timeout: 30_000 });
  await pause(page).catch(() => undefined);
  await screenshotView(page, 'household-leak-smoke', 'device-screens');
});

test('the doorbell video ends on every screen when the call is declined', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'direct', handsOn: true });
  await play(page, 5);
  await expect(screen(page, 'car').getByTestId('prompt')).toBeVisible({ timeout: 30_000 });
  for (const role of ['car', 'panel', 'tv']) await expect(screen(page, role).getByTestId('pip')).toBeVisible();
  await answerPrompt(page, 'car', 'decline');
  for (const role of ['car', 'panel', 'tv']) await expect(screen(page, role).getByTestId('pip')).toHaveCount(0);
  await expect(page.getByTestId('home-lock-state')).toHaveText('locked');
});
