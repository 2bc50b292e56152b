// Issue 18, part A: the bugs a product team met preparing a demo, each reproduced as a user meets it. Recordings
// fit their panel; a reload re-attaches to the run the engine kept; sending an event stays confirmed; a bad seed is
// refused in the form; a hop's link name never breaks; one time format, rows in send order; a failed Load names
// the file by line and column and leaves the loaded session on screen.
import { expect, test } from '@playwright/test';
import { newestRecordedRun, openRecordedRun } from './recording-steps';
import {
  TIME_OF_DAY, appUrl, fitsInside, hook, inspectMessage, loadScenario, openApp, pause, play, screenshotView, sendTwinEvent, waitForVerdict,
} from './steps';

test.use({ baseURL: appUrl() });

test('recordings: the table and the replay controls fit the panel, Open is on screen', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'phone-proxy', handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  const runId = await newestRecordedRun(page, 'doorbell');
  expect(await fitsInside(page, 'runs-table', 'recordings-panel')).toBe(true);
  expect(await fitsInside(page, `run-open-${runId}`, 'recordings-panel')).toBe(true);
  await openRecordedRun(page, runId);
  for (const id of ['replay-diff', 'diff-run', 'diff-with']) expect(await fitsInside(page, id, 'recordings-panel'), id).toBe(true);
  // The replay's transport is the bar across the top (issue 18 B), whole on screen.
  for (const id of ['replay-play', 'replay-speed', 'scrubber', 'replay-time']) expect(await fitsInside(page, id, 'app'), id).toBe(true);
  await screenshotView(page, 'recordings-panel', 'recordings-panel');
});

test('a reload re-attaches to the live run: its state, controls, messages and title', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  await play(page, 5);
  await expect.poll(async () => (await hook(page)).messageCount).toBeGreaterThan(3);
  await pause(page);
  // The paused label can arrive before the last snapshot the run sent while it was still stepping: read the time
  // once it has stopped moving, which is the time the paused run keeps.
  let before = await hook(page);
  await expect.poll(async () => {
    const now = await hook(page);
    const settled = now.time === before.time && now.messageCount === before.messageCount;
    before = now;
    return settled;
  }, { intervals: [300] }).toBe(true);
  const title = await page.locator('.status-scenario').textContent();

  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.locator('.status-scenario')).toHaveText(title!);
  await expect(page.getByTestId('play')).toBeEnabled();
  await expect(page.getByTestId('step')).toBeEnabled();
  await expect.poll(async () => (await hook(page)).messageCount).toBeGreaterThanOrEqual(before.messageCount);
  await expect(page.getByTestId('message-row').first()).toBeVisible();
  await expect.poll(async () => (await hook(page)).time).toBe(before.time);
  // The run carries on where it was, and is still the one being recorded (not left "running" by a lost page).
  await play(page, 'max');
  await expect(page.getByTestId('run-state')).toHaveText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('recordings-panel').getByTestId('run-row').first()).toHaveAttribute('data-status', /passed|failed/);
});

test('Send an event: the confirmation stays while the run plays on', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  await play(page, 1);
  await sendTwinEvent(page, 'home/h1/lock.front_door', 'DOOR.LOCK');
  const result = page.getByTestId('send-result');
  await expect(result).toHaveText(/^(Done in person at the device, DOOR\.LOCK: now \w+|Refused: .+)$/);
  const answer = await result.textContent();
  const t = (await hook(page)).time;
  await expect.poll(async () => (await hook(page)).time).toBeGreaterThan(t + 2_000); // some twenty snapshots later
  await expect(result).toHaveText(answer!);
});

test('an invalid seed is refused in the form, with the reason', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenario-select').selectOption('scenarios/doorbell.yaml');
  const seed = page.getByTestId('seed-input');
  await seed.fill('abc');
  await expect(page.getByTestId('seed-error')).toHaveText('The seed must be a whole number of 0 or more, not "abc".');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('load')).toBeDisabled();
  await seed.fill('-3');
  await expect(page.getByTestId('seed-error')).toBeVisible();
  await seed.fill('7');
  await expect(page.getByTestId('seed-error')).toHaveCount(0);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud' });
  await expect(page.locator('.status-scenario')).toContainText('seed 7');
});

test('one time model: time of day everywhere, rows in send order, hop links whole', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  await expect(page.getByTestId('clock')).toHaveText(TIME_OF_DAY);
  await inspectMessage(page, 'lock/unlock', 'command');
  await expect(page.getByTestId('message-sent-at')).toHaveText(TIME_OF_DAY);
  // A link name on one line: its text's boxes all share one top (the cell may be taller, for its neighbours).
  const lines = await page.getByTestId('hop-link').evaluateAll((cells) => cells.map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return [cell.textContent, new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size] as const;
  }));
  expect(lines.length).toBeGreaterThan(0);
  for (const [text, count] of lines) expect(count, `"${text}" on one line`).toBe(1);
  await page.getByTestId('filter-topic').fill('');
  await page.getByTestId('filter-kind').selectOption('');
  const sent = await page.getByTestId('message-sent-cell').allTextContents();
  expect(sent.length).toBeGreaterThan(5);
  for (const s of sent) expect(s).toMatch(TIME_OF_DAY);
  expect([...sent].sort()).toEqual(sent);
});

test('a failed Load names file:line:column and leaves the loaded session on screen', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  await play(page, 5);
  await expect.poll(async () => (await hook(page)).messageCount).toBeGreaterThan(3);
  await pause(page);
  const title = await page.locator('.status-scenario').textContent();
  const twin = await page.getByTestId('twin-select').inputValue();
  const rows = (await hook(page)).messageCount;

  await page.getByTestId('scenario-select').selectOption('scenarios/charging-peak-shaving.yaml');
  await page.getByTestId('param-homes').fill('-5');
  await page.getByTestId('load').click();
  const error = page.getByTestId('load-error');
  await expect(error).toContainText(/scenarios\/charging-peak-shaving\.yaml:\d+:\d+: --set homes=-5: parameter "homes" must be at least 1/);
  await expect(error).not.toContainText('/work/');
  await expect(page.locator('.status-scenario')).toHaveText(title!);
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('twin-select')).toHaveValue(twin);
  await expect(page.getByTestId('twin-state')).toBeVisible();
  await expect.poll(async () => (await hook(page)).messageCount).toBeGreaterThanOrEqual(rows);
  await screenshotView(page, 'failed-load', 'scenario-panel');
});
