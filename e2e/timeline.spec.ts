// The scenario panel's timeline, read from what the page lays out: the playhead stands at the scene's time along the
// bar (it is moved by a transform of a bar-wide layer, not by `left`, so the geometry is what proves it), and the
// steps are numbered in order and marked as they fire.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, loadScenario, openApp, pause, play } from './steps';

test.use({ baseURL: appUrl() });

/** Milliseconds since midnight of a clock reading `HH:MM:SS.mmm`. */
function msOfDay(text: string): number {
  const m = /(\d\d):(\d\d):(\d\d)\.(\d\d\d)/.exec(text);
  if (m === null) throw new Error(`not a time of day: ${text}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

/** Where the playhead's line is along the bar (0–1) and where the scene's time says it should be. */
async function playheadAndTime(page: Page): Promise<{ drawn: number; expected: number; barWidth: number }> {
  const bar = (await page.getByTestId('timeline-bar').boundingBox())!;
  const head = (await page.getByTestId('timeline-playhead').boundingBox())!;
  const [start, end] = (await page.getByTestId('timeline-bar').getAttribute('title'))!.split(' – ').map(msOfDay);
  const now = msOfDay((await page.getByTestId('timeline-time').textContent())!.split(' / ')[0]!);
  return { drawn: (head.x + 1 - bar.x) / bar.width, expected: (now - start!) / (end! - start!), barWidth: bar.width };
}

test('timeline: the playhead stands at the scene time along the bar; steps are numbered and marked when fired', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { handsOn: false });
  const atStart = await playheadAndTime(page);
  expect(atStart.expected).toBe(0);
  expect(Math.abs(atStart.drawn) * atStart.barWidth).toBeLessThan(2);

  const steps = page.getByTestId('timeline').locator('.step-list > li');
  await expect(steps.nth(0)).toContainText('1. leaving');
  await expect(steps.nth(1)).toContainText('2. drive-to-work');

  // A few hours into an 11-hour scene (3,600×: an hour a second): clear of either end, so a playhead left at 0 or
  // at the end fails.
  await play(page, 3600);
  await expect.poll(async () => (await playheadAndTime(page)).expected, { timeout: 30_000 }).toBeGreaterThan(0.15);
  await pause(page);
  const later = await playheadAndTime(page);
  expect(later.expected).toBeLessThan(0.95);
  expect(Math.abs(later.drawn - later.expected) * later.barWidth).toBeLessThan(2);
  await expect(page.getByTestId('step-drive-to-work')).toHaveAttribute('data-fired', 'true');
  await expect(page.getByTestId('step-drive-home')).toHaveAttribute('data-fired', 'false');
});
