// Sleep-time charging peak shaving from the UI: played at max speed, judged, and the charts show the two load
// curves — uncontrolled charging against the coordinated strategy — from the engine's final RunResult.
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, play, screenshotView, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

test('peak shaving: the run passes and the charts show both load curves', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/charging-peak-shaving.yaml');
  await play(page, 'max');
  expect(await waitForVerdict(page)).toBe(true);

  const chart = page.getByTestId('chart-load-curve');
  await expect(chart).toBeVisible();
  const svg = decodeURIComponent((await chart.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  expect(svg).toContain('uncontrolled');
  expect(svg).toContain('coordinated');
  expect(svg.match(/<polyline|<path/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('latency-summary')).toContainText('uncontrolled');
  await expect(page.getByTestId('chart-latency')).toBeVisible();
  await screenshotView(page, 'charts', 'charts');
  await screenshotView(page, 'peak-shaving');
});
