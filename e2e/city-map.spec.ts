// The city map draws every car as a marker on its moving layer (a 2D canvas) and moves them while the run plays: read from the app's
// test hook (what the engine sent and what the frame loop drew), not from pixels.
import { expect, test } from '@playwright/test';
import { appUrl, hook, loadScenario, openApp, pause, play, screenshotView } from './steps';

test.use({ baseURL: appUrl() });

test('map: vehicles are drawn and move while playing', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml');
  await expect.poll(async () => (await hook(page)).instanceCount).toBeGreaterThan(0);
  const framesBefore = (await hook(page)).framesRendered;

  // The commute leaves at 2 min and takes a few minutes: at 30× that is a few seconds of wall time.
  await play(page, 30);
  const start = (await hook(page)).vehiclePositions;
  await expect.poll(async () => JSON.stringify((await hook(page)).vehiclePositions), { timeout: 30_000 }).not.toBe(JSON.stringify(start));
  expect((await hook(page)).framesRendered).toBeGreaterThan(framesBefore);
  await screenshotView(page, 'city-map', 'city-map');

  // Clicking the car on the map opens it in the twin inspector, with its VSS signals.
  await pause(page);
  await page.waitForTimeout(300); // let the drawn car settle on its last position
  const point = await page.evaluate(() => (window as unknown as { __twinbench: { vehiclePagePoint(id: string): [number, number] | null } }).__twinbench.vehiclePagePoint('car1'));
  expect(point).not.toBeNull();
  await page.mouse.click(point![0], point![1]);
  await expect(page.getByTestId('twin-select')).toHaveValue('vehicle/car1/drive');
  await expect(page.getByTestId('twin-signals')).toContainText('Vehicle.Speed');
  await screenshotView(page, 'twin-inspector', 'twin-inspector');
});
