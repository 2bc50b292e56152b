// Issue 18, parts C and D: the map names what the story is about — the household's home, its car (moving with it),
// the workplaces and chargers, the home's geofence ring — and, after Confirm, every screen of the household says the door is unlocked.
import { expect, test } from '@playwright/test';
import { answerPrompt, appUrl, hook, loadScenario, openApp, play, screen, screenshotView } from './steps';

test.use({ baseURL: appUrl() });

test('the commute map names the home, the car and the workplaces, and the car\'s tag moves with it', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { architecture: 'cloud-cloud', handsOn: false });
  const home = page.locator('[data-testid=map-label][data-key="home-h1"]');
  const car = page.locator('[data-testid=map-label][data-key="car-car1"]');
  await expect(home).toBeVisible();
  await expect(home).toContainText('h1');
  await expect(car).toBeVisible();
  await expect(car).toContainText('car1 · alice');
  await expect(page.locator('[data-testid=map-label].map-label-workplace').first()).toBeAttached();
  // The home's geofence ring is drawn (its outline is sent with the session) and the legend names it.
  expect(Number(await page.getByTestId('map-canvas').getAttribute('data-geofences'))).toBeGreaterThan(0);
  await expect(page.getByTestId('city-map').locator('.legend')).toContainText('geofence');
  const before = await car.evaluate((el) => el.style.transform);
  await play(page, 600);
  await expect.poll(async () => (await hook(page)).time, { timeout: 30_000 }).toBeGreaterThan(10 * 60_000);
  await expect.poll(() => car.evaluate((el) => el.style.transform)).not.toBe(before);
  await expect(page.getByTestId('city-map').locator('.legend')).toContainText('workplace');
  await screenshotView(page, 'map-commute', 'city-map');
});

test('after Confirm every screen of the household says the door is unlocked', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'direct', handsOn: true });
  await expect(screen(page, 'car').getByTestId('outcome-door')).toHaveCount(0);
  await play(page, 5);
  await expect(screen(page, 'car').getByTestId('prompt')).toBeVisible({ timeout: 30_000 });
  await answerPrompt(page, 'car', 'confirm');
  for (const role of ['car', 'panel', 'tv', 'phone']) await expect(screen(page, role).getByTestId('outcome-door')).toHaveText('🔓 Front door unlocked');
  await screenshotView(page, 'screens-unlocked', 'device-screens');
});

test('Follow comes down to the car, then keeps the user\'s distance', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await expect.poll(async () => (await hook(page)).cameraDistance).toBeGreaterThan(0);
  const overview = (await hook(page)).cameraDistance;
  await page.getByTestId('twin-select').selectOption('vehicle/car1/drive');
  await page.getByTestId('follow-vehicle').click();
  await expect.poll(async () => (await hook(page)).cameraDistance).toBeLessThan(overview * 0.3);
  await page.getByTestId('follow-vehicle').click(); // stop: the view stays where it is
  const close = (await hook(page)).cameraDistance;
  expect(close).toBeLessThan(overview * 0.3);
});
