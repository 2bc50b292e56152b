// The doorbell scene from the UI: the courier rings, the picture-in-picture appears on the car screen with the
// question, the driver taps Confirm, the front door opens, and the flow view shows the unlock command with its
// end-to-end and per-hop latency. Hands-on mode: the scenario waits for that tap instead of tapping itself.
import { expect, test } from '@playwright/test';
import { answerPrompt, appUrl, hook, inspectMessage, loadScenario, openApp, play, screen, screenshotView, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

test('doorbell: PiP on the car screen, Confirm, the door opens and the unlock shows in the flow', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  await expect(page.getByTestId('home-lock-state')).toHaveText('locked');
  await play(page, 2);

  const car = screen(page, 'car');
  await expect(car.getByTestId('pip')).toBeVisible({ timeout: 30_000 });
  await expect(car.getByTestId('pip')).toContainText('Visitor at the front door');
  await expect(car.getByTestId('prompt-question')).toContainText('Unlock');
  await expect(page.getByTestId('expectation-pip-on-car')).toHaveAttribute('data-status', 'passed');
  await screenshotView(page, 'doorbell-prompt');
  await screenshotView(page, 'device-screens', 'device-screens');

  await answerPrompt(page, 'car', 'confirm');
  await expect(page.getByTestId('home-lock-state')).toHaveText('unlocked');
  // The call is over once answered: its video leaves the car screen and, a message later, the home's screens.
  for (const role of ['car', 'panel', 'tv']) await expect(screen(page, role).getByTestId('pip')).toHaveCount(0);
  await expect(page.getByTestId('step-confirm')).toHaveAttribute('data-fired', 'true');

  await inspectMessage(page, 'lock/unlock', 'command');
  const inspector = page.getByTestId('message-inspector');
  await expect(inspector).toContainText('vehicle/car1 → home/h1/lock.front_door');
  await expect(page.getByTestId('message-e2e')).toHaveText(/^\d+(\.\d+)? ms$/);
  const hops = page.getByTestId('hop-row');
  await expect(hops.first()).toContainText('vehicle/car1');
  await expect(hops).toHaveCount(5); // car → vehicle cloud → hub → home cloud → gateway → lock
  await expect(page.getByTestId('sequence-lanes').locator('[data-testid=sequence-message][data-topic="lock/unlock"]').first()).toBeVisible();
  await screenshotView(page, 'message-flow', 'message-flow');

  await play(page, 'max');
  expect(await waitForVerdict(page)).toBe(true);
  expect((await hook(page)).messageCount).toBeGreaterThan(0);
  await screenshotView(page, 'doorbell-finished');
  await screenshotView(page, 'scenario-panel', 'scenario-panel');
});
