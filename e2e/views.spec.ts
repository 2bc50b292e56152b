// The views integrators know (issue 18 §4, §6), each driven as a user would and checked so that it fails if the view
// breaks: live charts that grow while the run plays, the architecture comparison (while the live run goes on), the
// topic tree with diffs and a chart, the trace waterfall with span detail and a comparison, the laid-out state chart
// with its last transition, and device cards whose controls go through the security policy. Each is operated from
// the keyboard somewhere, checked with axe, and screenshotted under test-results/ for review.
import { expect, test } from '@playwright/test';
import { appUrl, loadScenario, openApp, pause, play, screenshotView, waitForVerdict } from './steps';
import { openView, seriousViolationsIn } from './view-steps';

test.use({ baseURL: appUrl() });

const points = async (page: import('@playwright/test').Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).getAttribute('data-points'));

test('live charts: the transformer load and the latency build while the run plays', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/charging-peak-shaving.yaml', { handsOn: false });
  await play(page, 3600);
  await expect.poll(() => points(page, 'live-load-chart'), { timeout: 30_000 }).toBeGreaterThan(20);
  await pause(page);
  const early = await points(page, 'live-load-chart');
  await expect(page.getByTestId('live-load-summary')).toContainText('transformer 50 kVA');
  await screenshotView(page, 'view-live-charts-playing', 'charts');
  await play(page, 'max');
  expect(await waitForVerdict(page)).toBe(true);
  await expect.poll(() => points(page, 'live-load-chart')).toBeGreaterThan(early);
  await expect(page.getByTestId('live-latency-summary')).toContainText(/[1-9]\d* delivered · p50 [\d.]+ m?s/);
  expect(await points(page, 'live-latency-chart')).toBeGreaterThan(0);
  expect(await seriousViolationsIn(page, 'charts')).toEqual([]);
  await screenshotView(page, 'view-live-charts', 'charts');
});

test('architecture comparison: every architecture side by side while the live run keeps playing', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { handsOn: false });
  await openView(page, 'compare');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-running')).toBeVisible();
  // The live run is not blocked: it plays to its verdict while the comparison runs on the engine's worker.
  await play(page, 'max');
  expect(await waitForVerdict(page)).toBe(true);
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(4, { timeout: 60_000 });
  await expect(page.getByTestId('compare-table')).toContainText('p99');
  await expect(rows.filter({ hasText: 'cloud-cloud' })).toHaveAttribute('data-verdict', 'pass');
  // The README's point: the local architecture fails the commute (home mode asked 1 km out, beyond near-field range).
  const local = rows.filter({ hasText: 'local' });
  await expect(local).toHaveAttribute('data-verdict', 'fail');
  await expect(local).toContainText('not listed');
  await expect(page.getByTestId('compare-latency-bars')).toBeVisible();
  await expect(page.getByTestId('compare-histogram')).toBeVisible();
  expect(await seriousViolationsIn(page, 'comparison')).toEqual([]);
  await screenshotView(page, 'view-comparison', 'comparison');
});

test('topic tree: counts, last value, history, the diff between consecutive payloads and a chart of a field', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/charging-peak-shaving.yaml', { handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  await openView(page, 'topics');
  const tree = page.getByTestId('topic-tree');
  // From the keyboard: expand home → h1 → evse.wallbox → evse, then choose set_power_limit.
  for (const branch of ['home/h1', 'home/h1/evse.wallbox', 'home/h1/evse.wallbox/evse']) {
    const toggle = tree.getByRole('button', { name: `Expand ${branch}`, exact: true });
    await toggle.focus();
    await page.keyboard.press('Enter');
  }
  const topic = tree.locator('[data-topic="home/h1/evse.wallbox/evse/set_power_limit"]');
  await topic.getByTestId('topic-select').focus();
  await page.keyboard.press('Enter');
  const count = Number(await page.getByTestId('topic-count').innerText());
  expect(count).toBeGreaterThan(2); // commands and their answers
  await expect(topic.getByTestId('topic-select')).toContainText(`(${count})`);
  await expect(page.getByTestId('topic-last-value')).toContainText('"capability": "evse"');
  expect(await page.getByTestId('topic-history').locator('li').count()).toBe(Math.min(count, 40));
  await expect(page.getByTestId('topic-diff')).toBeVisible();
  await page.getByTestId('topic-field').selectOption({ index: 0 });
  expect(await points(page, 'topic-chart')).toBeGreaterThan(1);
  // The diff of a set_power_limit command against the answer before it names what changed.
  const history = page.getByTestId('topic-history').getByRole('button');
  await history.filter({ hasText: 'command' }).first().click();
  await expect(page.getByTestId('topic-diff-line').first()).toBeVisible();
  expect(await seriousViolationsIn(page, 'topic-tree')).toEqual([]);
  await screenshotView(page, 'view-topic-tree', 'topic-tree');
});

test('trace waterfall: the spans of a command per hop, a span\'s detail, and two traces compared', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { handsOn: false });
  await play(page, 'max');
  await waitForVerdict(page);
  // Opens on the trace of the message chosen in the flow: the arrival's air-conditioning command.
  await page.getByTestId('filter-topic').fill('climate/set_temperature');
  await page.locator('[data-testid=message-row][data-topic="climate/set_temperature"]').first().click();
  await openView(page, 'traces');
  const waterfall = page.getByTestId('waterfall').first();
  const spans = waterfall.getByTestId('span');
  const messages = waterfall.locator('[data-testid=span][data-depth="0"]');
  await expect(messages.filter({ hasText: 'command climate/set_temperature' })).toHaveCount(1);
  // Every message a span, with a span per hop it crossed under it.
  expect(await spans.count()).toBeGreaterThan((await messages.count()) * 2);
  await spans.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('span-detail')).toContainText('Hop');
  await expect(page.getByTestId('span-detail')).toContainText(/[0-9a-f]{16}/);
  const current = await page.getByTestId('trace-select').inputValue();
  const others = await page.getByTestId('trace-compare').locator('option').evaluateAll((os, a) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== '' && v !== a), current);
  expect(others.length).toBeGreaterThan(0);
  await page.getByTestId('trace-compare').selectOption(others[0]!);
  await expect(page.getByTestId('waterfall')).toHaveCount(2);
  await expect(page.getByTestId('trace-comparison')).toContainText('B − A');
  expect(await seriousViolationsIn(page, 'trace-waterfall')).toEqual([]);
  await screenshotView(page, 'view-trace-waterfall', 'trace-waterfall');
});

test('state chart and device cards: a light turned on from its card lights its state, animates the transition and logs it', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { handsOn: true });
  await openView(page, 'statechart');
  await openView(page, 'devices');
  await page.getByTestId('statechart-twin').selectOption('home/h1/light.hallway');
  const diagram = page.getByTestId('state-diagram');
  await expect(diagram).toBeVisible();
  await expect(diagram.locator('[data-testid=diagram-state][data-active=true]')).toHaveAttribute('data-state', /\.off$/);
  await expect(diagram.getByTestId('diagram-edge')).not.toHaveCount(0);

  const card = page.locator('[data-testid=device-card][data-device="home/h1/light.hallway"]');
  await card.getByRole('button', { name: 'Turn on: Hallway' }).click();
  await expect(card.getByTestId('device-outcome')).toHaveAttribute('data-outcome', 'pending');
  await play(page, 1);
  await expect(card.getByTestId('device-outcome')).toHaveAttribute('data-outcome', 'done', { timeout: 20_000 });
  await expect(card).toHaveAttribute('data-state', 'on');
  await expect(diagram.locator('[data-testid=diagram-state][data-active=true]')).toHaveAttribute('data-state', /\.on$/);
  await expect(diagram.locator('[data-testid=diagram-edge][data-last=true]')).toHaveAttribute('data-event', 'LIGHT.TURN_ON');
  const log = page.getByTestId('twin-event-log');
  await expect(log.locator('[data-kind=message]').first()).toContainText('light/turn_on');
  await expect(log.locator('[data-kind=state]').last()).toContainText('off ⇒ on');
  await pause(page);
  expect(await seriousViolationsIn(page, 'state-chart-view')).toEqual([]);
  await screenshotView(page, 'view-state-chart', 'state-chart-view');

  // The same policy as every command: the app may not unlock the door without a grant, and says why.
  const lock = page.locator('[data-testid=device-card][data-device="home/h1/lock.front_door"]');
  await lock.getByRole('button', { name: 'Unlock: Front door' }).focus();
  await page.keyboard.press('Enter');
  await play(page, 1);
  await expect(lock.getByTestId('device-outcome')).toHaveAttribute('data-outcome', 'refused', { timeout: 20_000 });
  await expect(lock.getByTestId('device-outcome')).toContainText('does not cover home.lock:unlock');
  await expect(page.getByTestId('home-lock-state')).toHaveCount(0); // the screens tab is not shown: the card says it
  await expect(lock).toHaveAttribute('data-state', 'locked');
  await pause(page);
  expect(await seriousViolationsIn(page, 'device-cards')).toEqual([]);
  await screenshotView(page, 'view-device-cards', 'device-cards');
});

test('view tabs work from the keyboard: arrows move between views, the choice is remembered', async ({ page }) => {
  await openApp(page);
  const flow = page.getByTestId('tab-flow');
  await flow.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-topics')).toBeFocused();
  await expect(page.getByTestId('tab-topics')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('topic-tree')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('state-chart-view')).toBeVisible();
  await page.keyboard.press('ArrowRight'); // wraps round
  await expect(page.getByTestId('message-flow')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.reload();
  await expect(page.getByTestId('tab-statechart')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('state-chart-view')).toBeVisible();
});
