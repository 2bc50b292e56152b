// Streams in the flow view (#17): viewing the home camera from the car shows a flow row with its links, its live
// rate and its state; when the viewer's minute is over the row stays, marked finished. The run's verdict is green.
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, play, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

test('camera from the car: the stream appears in the flow view with its links and rate, then finishes', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/camera-from-car.yaml', { architecture: 'direct' });
  await play(page, 5);

  const row = page.getByTestId('flow-row-cam');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('home/h1/camera.front_door → vehicle/car1');
  await expect(row).toContainText('lan → home-broadband → cellular');
  await expect(row).toHaveAttribute('data-phase', /^(starting|playing)$/);
  await expect(page.getByTestId('flow-rate-cam')).toHaveText('2.0 Mbit/s');

  await play(page, 'max');
  expect(await waitForVerdict(page)).toBe(true);
  await expect(row).toHaveAttribute('data-phase', 'finished');
});
