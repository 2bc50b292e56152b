// axe-core over the app as a user meets it, view by view: the loaded doorbell scene with a prompt on the screens;
// the presenter layout with the map's layers and the speaker's bubble; a finished run with its verdict and charts, a message open
// in the inspector; a recorded run replayed and diffed. (The welcome is checked in 1-welcome.spec.ts, the only
// spec that sees the server before any scene is loaded.) No serious or critical violation may appear.
import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe-steps';
import { diffOpenRunWith, newestRecordedRun, openRecordedRun, scrubTo } from './recording-steps';
import { appUrl, inspectMessage, loadScenario, openApp, play, screen, setPresenter, waitForVerdict } from './steps';

test.use({ baseURL: appUrl() });

test('accessibility: no serious or critical axe violation with a scene loaded and a prompt shown', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  expect(await seriousViolations(page)).toEqual([]);
  await play(page, 2);
  await expect(screen(page, 'car').getByTestId('pip')).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page)).toEqual([]);
});

test('accessibility: the presenter layout with the map\'s layers and the speaker\'s bubble', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/home-controls-car.yaml', { architecture: 'cloud-cloud', handsOn: false });
  await play(page, 30);
  await setPresenter(page, true);
  try {
    await expect(page.getByTestId('speech-bubble')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('legend-layers')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  } finally {
    await setPresenter(page, false);
  }
});

test('accessibility: a finished run (verdict, charts) with a message open in the inspector', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'direct', handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  await inspectMessage(page, 'lock/unlock', 'command');
  expect(await seriousViolations(page)).toEqual([]);
});

test('accessibility: a recorded run replayed, scrubbed and diffed', async ({ page }) => {
  await openApp(page);
  const runs: number[] = [];
  for (const architecture of ['direct', 'cloud-cloud']) {
    await loadScenario(page, 'scenarios/doorbell.yaml', { architecture, handsOn: false });
    await play(page, 'max');
    await waitForVerdict(page);
    await expect.poll(() => newestRecordedRun(page, 'doorbell')).not.toBe(runs[0]);
    runs.push(await newestRecordedRun(page, 'doorbell'));
  }
  await openRecordedRun(page, runs[1]!);
  await scrubTo(page, 12_000, /^18:10:12\.000/);
  expect(await seriousViolations(page)).toEqual([]);
  await diffOpenRunWith(page, runs[0]!);
  expect(await seriousViolations(page)).toEqual([]);
});
