// Steps of the Recordings panel, by data-testid, for the end-to-end tests: find the newest recorded run, open it,
// move the scrubber, diff the open run against another.
import { expect, type Page } from '@playwright/test';

/** The id of the newest recorded run, once it is recorded with a verdict (`passed` or `failed`). */
export async function newestRecordedRun(page: Page, scenario: string): Promise<number> {
  const panel = page.getByTestId('recordings-panel');
  const newest = panel.getByTestId('run-row').first();
  await expect(newest).toHaveAttribute('data-status', /passed|failed/);
  await expect(newest).toContainText(scenario);
  return Number(await newest.getAttribute('data-run-id'));
}

export async function openRecordedRun(page: Page, runId: number): Promise<void> {
  await page.getByTestId(`run-open-${runId}`).click();
  await expect(page.getByTestId('replay-controls')).toContainText(`Replaying run ${runId}`);
}

/** Drag the scrubber to virtual time `ms` and wait until the replay shows that time. */
export async function scrubTo(page: Page, ms: number, shown: string | RegExp): Promise<void> {
  await page.getByTestId('scrubber').fill(String(ms));
  await expect(page.getByTestId('replay-time')).toHaveText(shown);
}

/** Diff the open run against `otherRunId` (latency tolerance in ms); returns whether the engine found them equivalent. */
export async function diffOpenRunWith(page: Page, otherRunId: number, toleranceMs = 0): Promise<boolean> {
  await page.getByTestId('diff-with').selectOption(String(otherRunId));
  await page.getByTestId('diff-tolerance').fill(String(toleranceMs));
  await page.getByTestId('diff-run').click();
  const result = page.getByTestId('diff-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('diff-verdict')).toContainText(`run ${otherRunId}`);
  return (await result.getAttribute('data-equivalent')) === 'true';
}
