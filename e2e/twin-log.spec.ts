// Issue 18: the state-chart view's event log shows every transition of the twin, in order — pushed by the engine,
// not polled, so a max-speed run whose twin changes state many times between two frames loses none. The truth it
// is checked against is the run's own recording (the canonical stream in SQLite), not the page.
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, screenshotView, waitForVerdict } from './steps';
import { newestRecordedRun } from './recording-steps';
import { openView, seriousViolationsIn } from './view-steps';

test.use({ baseURL: appUrl() });

const TWIN = 'vehicle/car1/screen';

/** The twin's transitions as the recording holds them: `from ⇒ to` in the stream's order. */
function recordedTransitions(runId: number, twin: string): { seq: number; text: string }[] {
  const db = new Database(path.join(process.env.TWINBENCH_E2E_DATA_DIR!, 'runs.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[number, string], { seq: number; line: string }>(`SELECT seq, line FROM events WHERE run_id = ? AND source = ? AND type = 'twin.state' ORDER BY seq`).all(runId, twin);
    return rows.flatMap((r) => {
      const event = JSON.parse(r.line) as { data?: { from?: string; state?: string } };
      return typeof event.data?.from === 'string' ? [{ seq: r.seq, text: `${event.data.from} ⇒ ${event.data.state}` }] : [];
    });
  } finally {
    db.close();
  }
}

test('a twin changing state many times between two frames: the log shows every change, in order', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { handsOn: false });
  await openView(page, 'statechart');
  await page.getByTestId('statechart-twin').selectOption(TWIN);
  await expect(page.getByTestId('twin-log-bound')).toContainText('the newest 200 are kept');
  // Max speed: the whole scene in well under a second of wall time, so many changes fall inside one 300 ms poll.
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await waitForVerdict(page);
  const runId = await newestRecordedRun(page, 'doorbell');
  const truth = recordedTransitions(runId, TWIN);
  expect(truth.length).toBeGreaterThan(3);

  const states = page.getByTestId('twin-event-log').locator('[data-kind=state]');
  await expect(states).toHaveCount(truth.length);
  const shown = await states.evaluateAll((items) => items.map((li) => ({ seq: Number(li.getAttribute('data-seq')), text: li.textContent?.replace(/^\S+\s/, '').trim() ?? '' })));
  expect(shown).toEqual(truth);
  // The log scrolls, so the keyboard reaches it: from the twin picker, past the diagram, Tab lands on it.
  await page.getByTestId('statechart-twin').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'State diagram' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'Event log' })).toBeFocused();
  expect(await seriousViolationsIn(page, 'state-chart-view')).toEqual([]);
  await screenshotView(page, 'view-twin-event-log', 'state-chart-view');
});
