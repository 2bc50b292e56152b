// Issue 18: the speaker's spoken answers as speech bubbles in the story, on the map: above the home that speaks,
// for a few seconds, then gone.
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, pause, play, screenshotView, waitForVerdict } from './steps';
import { seriousViolationsIn } from './view-steps';

test.use({ baseURL: appUrl() });

test('the speaker\'s answer shows as a bubble on the map above its home, then goes', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/home-controls-car.yaml', { architecture: 'cloud-cloud', handsOn: false });
  const bubble = page.getByTestId('map-speech');
  await expect(bubble).toHaveCount(0);
  await play(page, 30);
  await expect(bubble).toBeVisible({ timeout: 60_000 });
  await pause(page);
  await expect(bubble).toHaveAttribute('data-home', 'h1');
  await expect(page.getByTestId('map-speech-text')).toContainText(/minutes away|tyre|range is|arriving in|preconditioning/i);
  // The same words as the device screens' bubble.
  await expect(page.getByTestId('speech-text')).toHaveText(await page.getByTestId('map-speech-text').textContent() ?? '');

  // Above the home: its tail over the home's name tag, horizontally centred on it.
  const home = page.locator('[data-testid=map-label][data-key=home-h1]');
  await expect(home).toBeVisible();
  const [b, h] = [await bubble.boundingBox(), await home.boundingBox()];
  expect(b && h).toBeTruthy();
  expect(Math.abs((b!.x + b!.width / 2) - (h!.x + h!.width / 2))).toBeLessThan(12);
  expect(b!.y + b!.height).toBeLessThanOrEqual(h!.y + 2);
  expect(await seriousViolationsIn(page, 'city-map')).toEqual([]);
  await screenshotView(page, 'map-speech-bubble', 'city-map');

  // When the speaker is done, the bubble stays a few seconds of wall time, marked as said, and then goes.
  await play(page, 'max');
  await waitForVerdict(page);
  await expect(bubble).toHaveAttribute('data-speaking', 'false');
  await expect(bubble).toHaveCount(0, { timeout: 15_000 });
});
