// Recordings in the app: the doorbell scene run in the UI is recorded; opened from the Recordings panel it replays
// through the same views, and the scrubber moves the car screen and the front door with it (locked before the
// remote unlock at ~15 s, unlocked after). The run diffs as equivalent against a second run of the same scene and
// as different against a run with another seed.
import { expect, test, type Page } from '@playwright/test';
import { diffOpenRunWith, newestRecordedRun, openRecordedRun, scrubTo } from './recording-steps';
import { appUrl, loadScenario, openApp, play, screen, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

/** Runs the doorbell scene unattended (the script taps Confirm) to its verdict; returns the recorded run's id. */
async function runDoorbell(page: Page, seed?: number): Promise<number> {
  await page.getByTestId('scenario-select').selectOption('scenarios/doorbell.yaml');
  if (seed !== undefined) await page.getByTestId('seed-input').fill(String(seed));
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  return newestRecordedRun(page, 'doorbell');
}

test('recordings: open a run, scrub it, diff it', async ({ page }) => {
  await openApp(page);
  const first = await runDoorbell(page);

  await openRecordedRun(page, first);
  const lock = page.getByTestId('home-lock-state');
  const car = screen(page, 'car');
  await scrubTo(page, 12_000, '18:10:12.000 / 18:12:00.000');
  await expect(lock).toHaveText('locked');
  await expect(car.getByTestId('prompt-question')).toContainText('Unlock');
  await expect(page.getByTestId('step-ring')).toHaveAttribute('data-fired', 'true');
  await expect(page.getByTestId('step-confirm')).toHaveAttribute('data-fired', 'false');

  await scrubTo(page, 60_000, '18:11:00.000 / 18:12:00.000');
  await expect(lock).toHaveText('unlocked');
  await expect(car.getByTestId('prompt')).toHaveCount(0);
  await expect(car.getByTestId('pip')).toHaveCount(0); // the call ended with the answer: its video is gone
  await expect(page.getByTestId('step-confirm')).toHaveAttribute('data-fired', 'true');

  await scrubTo(page, 120_000, '18:12:00.000 / 18:12:00.000');
  await expect(lock).toHaveText('unlocked');
  await expect(page.getByTestId('run-state')).toHaveText('finished');
  await expect(page.getByTestId('final-verdict')).toHaveAttribute('data-passed', 'true');

  await scrubTo(page, 12_000, '18:10:12.000 / 18:12:00.000'); // and back: the door is locked again
  await expect(lock).toHaveText('locked');

  const same = await runDoorbell(page);
  const otherSeed = await runDoorbell(page, 7);
  await openRecordedRun(page, first);
  expect(await diffOpenRunWith(page, same)).toBe(true);
  await expect(page.getByTestId('diff-report')).toContainText('Equivalent');
  expect(await diffOpenRunWith(page, otherSeed)).toBe(false);
  await expect(page.getByTestId('diff-report')).toContainText('Not equivalent');
  expect(await diffOpenRunWith(page, otherSeed, 5)).toBe(false); // another seed differs in more than latency
  await expect(page.getByTestId('diff-report')).toContainText('latency tolerance 5 ms');

  await scrubTo(page, 60_000, '18:11:00.000 / 18:12:00.000');
  await page.screenshot({ path: 'test-results/recordings.png' });
});
