// Issue 18, accessibility of the map: its homes, cars and places as a list a keyboard reaches. Choosing a home
// opens its lock as a click on it does, a car its drive; the camera comes over what was chosen.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, hook, loadScenario, openApp } from './steps';

test.use({ baseURL: appUrl() });

const near = async (page: Page, x: number, z: number): Promise<boolean> => {
  const [tx, , tz] = (await hook(page)).cameraTarget;
  return Math.hypot(tx - x, tz - z) < 1;
};

test('the map\'s list selects a home, a car and a place from the keyboard, as clicking them on the map does', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { architecture: 'cloud-cloud', handsOn: false });
  const picker = page.getByTestId('map-picker');
  await expect(picker.locator('optgroup[label=Homes] option')).toHaveText(['Home h1']);
  await expect(picker.locator('optgroup[label=Cars] option')).toHaveText(['Car car1 · alice']);
  expect(await picker.locator('optgroup[label=Places] option').count()).toBeGreaterThan(0);

  // The scene opens on the car's screen, so the list starts on the car. Keyboard only: focus it, step up to the home.
  await expect(picker).toHaveValue('car:car1');
  await picker.focus();
  await page.keyboard.press('ArrowUp');
  await expect(picker).toHaveValue('home:h1');
  await expect(page.getByTestId('twin-select')).toHaveValue('home/h1/lock.front_door');
  const home = await page.evaluate(() => (window as unknown as { __twinbench: { cameraTarget: number[] } }).__twinbench.cameraTarget);
  await page.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue('car:car1');
  await expect(page.getByTestId('twin-select')).toHaveValue('vehicle/car1/drive');
  const car = await page.evaluate(() => (window as unknown as { __twinbench: { vehicleScenePoint(id: string): [number, number] | null } }).__twinbench.vehicleScenePoint('car1'));
  expect(car).not.toBeNull();
  expect(home).not.toEqual((await hook(page)).cameraTarget);
  await expect.poll(() => near(page, car![0], car![1])).toBe(true);

  // A place has no twin: the camera comes over it, the selection stays.
  const place = await picker.locator('optgroup[label=Places] option').first().getAttribute('value');
  await picker.selectOption(place!);
  expect(place).toMatch(/^place:/);
  await expect.poll(async () => !(await near(page, car![0], car![1]))).toBe(true);
  await expect(page.getByTestId('twin-select')).toHaveValue('vehicle/car1/drive');
});
