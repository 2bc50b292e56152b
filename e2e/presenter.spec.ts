// Issue 18, part B: the app a presenter uses (the welcome is in 1-welcome.spec.ts). Presenter mode shows the
// map and the device screens large with the side panels folded away (and is remembered); dividers move by keyboard
// and keep their place across a reload; and everything a demo needs is on screen at 1280×720.
import { expect, test } from '@playwright/test';
import { appUrl, inViewport, loadScenario, openApp, play, screenshotView, setPresenter } from './steps';

test.use({ baseURL: appUrl() });

test('presenter mode: the map and the screens large, side panels folded, remembered across a reload', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await setPresenter(page, true);
  await expect(page.getByTestId('scenario-panel')).toHaveCount(0);
  await expect(page.getByTestId('recordings-panel')).toHaveCount(0);
  const map = (await page.getByTestId('city-map').boundingBox())!;
  const screens = (await page.getByTestId('device-screens').boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(map.width).toBeGreaterThan(width * 0.55);
  expect(map.width + screens.width).toBeGreaterThan(width * 0.95);
  await page.getByTestId('presenter-speed').selectOption('max');
  await page.getByTestId('presenter-play').click();
  await expect(page.getByTestId('run-state')).toHaveText(/playing|finished/);
  await screenshotView(page, 'presenter');

  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-layout', 'presenter');
  await setPresenter(page, false);
  await expect(page.getByTestId('scenario-panel')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-layout', 'workbench');
});

test('a divider moves with the keyboard and keeps its place across a reload', async ({ page }) => {
  await openApp(page);
  await setPresenter(page, false);
  const divider = page.getByTestId('divider-left');
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await divider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before + 10));
  const left = (await page.getByTestId('scenario-panel').boundingBox())!.width;
  await page.reload();
  await expect(page.getByTestId('divider-left')).toHaveAttribute('aria-valuenow', String(before + 10));
  expect(Math.abs((await page.getByTestId('scenario-panel').boundingBox())!.width - left)).toBeLessThan(2);
  await page.getByTestId('divider-left').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('divider-left')).toHaveAttribute('aria-valuenow', String(before));
});

test('fully usable at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await setPresenter(page, false);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  for (const id of ['scenario-select', 'architecture-select', 'seed-input', 'load', 'play', 'pause', 'step', 'speed', 'presenter-toggle', 'clock', 'run-state']) {
    expect(await inViewport(page, id), id).toBe(true);
  }
  await play(page, 'max');
  await expect(page.getByTestId('final-verdict')).toBeVisible({ timeout: 60_000 });
  const runId = await page.getByTestId('run-row').first().getAttribute('data-run-id');
  expect(await inViewport(page, `run-open-${runId}`)).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshotView(page, 'workbench-1280x720');
  await setPresenter(page, true);
  await expect(page.locator('[data-testid=map-label][data-key="home-h1"]')).toBeVisible(); // the new map has drawn
  await page.waitForTimeout(500); // and its city layer, which draws after the cars' (only for the screenshot)
  await screenshotView(page, 'presenter-1280x720');
  await setPresenter(page, false);
});
