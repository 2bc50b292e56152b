// Two views of one car: the map camera follows the selected car while it drives (read from the test hook, not
// pixels), and the flow view shows a command's destination coarsened to two decimals unless the user opts in.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, hook, inspectMessage, loadScenario, openApp, pause, play } from './steps';

test.use({ baseURL: appUrl() });

/** Distance on the ground between the camera's target and where the map draws the car. */
async function targetToCar(page: Page, vehicleId: string): Promise<number> {
  return page.evaluate((id) => {
    const h = (window as unknown as { __twinbench: { cameraTarget: number[]; vehicleScenePoint(id: string): [number, number] | null } }).__twinbench;
    const car = h.vehicleScenePoint(id);
    return car === null ? Infinity : Math.hypot(h.cameraTarget[0]! - car[0], h.cameraTarget[2]! - car[1]);
  }, vehicleId);
}

test('map: following a car keeps the camera on it while it drives; selecting another twin ends it', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml');
  await page.getByTestId('twin-select').selectOption('vehicle/car1/drive');
  // The inspector draws the drive machine's state chart with the current state highlighted.
  await expect(page.getByTestId('twin-chart').locator('[data-testid=chart-state][data-active=true]')).not.toHaveCount(0);
  await expect(page.getByTestId('twin-chart')).toContainText('→');
  await page.getByTestId('follow-vehicle').click();
  expect((await hook(page)).followedVehicle).toBe('car1');
  await expect(page.getByTestId('follow-vehicle')).toHaveText('Stop following');

  const before = (await hook(page)).cameraTarget;
  await play(page, 30); // the car leaves at 2 min
  await expect.poll(async () => {
    const now = (await hook(page)).cameraTarget;
    return Math.hypot(now[0] - before[0], now[2] - before[2]);
  }, { timeout: 30_000 }).toBeGreaterThan(50);
  await pause(page);
  await expect.poll(() => targetToCar(page, 'car1')).toBeLessThan(1);

  await page.getByTestId('twin-select').selectOption('vehicle/car1/battery');
  expect((await hook(page)).followedVehicle).toBe('car1');
  await page.getByTestId('follow-vehicle').click(); // "Stop following"
  expect((await hook(page)).followedVehicle).toBeNull();
});

test('flow view: a command\'s destination shows 2-decimal latitude unless precise locations are opted in', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { handsOn: false });
  await expect(page.getByTestId('precise-locations')).not.toBeChecked();
  await play(page, 30); // "I'm going to work" sends the car the usual destination at once
  await inspectMessage(page, 'vehicle_navigation/set_destination', 'command');
  const payload = page.getByTestId('message-payload');
  await expect(payload).toContainText('"latitude"');
  const text = (await payload.textContent()) ?? '';
  const latitude = /"latitude": (-?[\d.]+)/.exec(text)?.[1];
  expect(latitude).toMatch(/^-?\d+(\.\d{1,2})?$/);

  // The box shows the engine's answer, not the click: check() would read it before the answer is back, so
  // click, then wait for the answer.
  await page.getByTestId('precise-locations').click();
  await expect(page.getByTestId('precise-locations')).toBeChecked();
});
