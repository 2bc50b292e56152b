// Issue 18: "Run every architecture" records each architecture's run like any other run, labelled with the
// comparison: the Recordings panel lists one per architecture, any one opens as a replay, and two diff.
import { expect, test } from '@playwright/test';
import { diffOpenRunWith, openRecordedRun } from './recording-steps';
import { appUrl, loadScenario, openApp, screenshotView } from './steps';
import { openView, seriousViolationsIn } from './view-steps';

test.use({ baseURL: appUrl() });

test('a comparison leaves one recorded run per architecture: one opens, and diffs against another', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await openView(page, 'compare');
  await page.getByTestId('compare-run').click();
  const recorded = page.getByTestId('compare-recorded');
  await expect(recorded).toBeVisible({ timeout: 60_000 });
  const label = (await recorded.locator('b').textContent()) ?? '';
  expect(label).toMatch(/^comparison \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  const rows = page.locator(`[data-testid=run-row][data-label="${label}"]`);
  await expect(rows).toHaveCount(4);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-architecture')))).sort()).toEqual(['cloud-cloud', 'direct', 'local', 'phone-proxy']);
  for (const status of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))) expect(status).toMatch(/^(passed|failed)$/);
  await expect(rows.first().getByTestId('run-label')).toHaveText(label);
  expect(await seriousViolationsIn(page, 'recordings-panel')).toEqual([]);
  expect(await seriousViolationsIn(page, 'comparison')).toEqual([]);
  await screenshotView(page, 'comparison-recordings', 'recordings-panel');

  const idOf = async (architecture: string): Promise<number> => Number(await rows.and(page.locator(`[data-architecture="${architecture}"]`)).getAttribute('data-run-id'));
  const cloud = await idOf('cloud-cloud');
  const direct = await idOf('direct');
  await openRecordedRun(page, cloud);
  await expect(page.getByTestId('run-row').and(page.locator(`[data-run-id="${cloud}"]`))).toHaveClass(/selected/);
  // Another architecture's run of the same scene and seed: a different path, so the diff finds differences.
  expect(await diffOpenRunWith(page, direct)).toBe(false);
  await expect(page.getByTestId('diff-verdict')).toContainText(`Different from run ${direct}`);
  await expect(page.getByTestId('diff-report')).not.toBeEmpty();
  await screenshotView(page, 'comparison-recordings-diff', 'recordings-panel');
});
