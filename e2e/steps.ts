// Small steps of the app's UI, by data-testid, shared by the end-to-end tests. Each does one thing a user does
// (or one thing a user looks at) and waits until the app shows it has happened.
import { expect, type Page } from '@playwright/test';

/** The server the webServer step started (its port is read from its output): `test.use({ baseURL: appUrl() })`. */
export const appUrl = (): string => `http://127.0.0.1:${process.env.TWINBENCH_PORT ?? '5173'}/`;

/** What `window.__twinbench` exposes for tests. */
export interface TestHook {
  vehiclePositions: [string, number, number][];
  instanceCount: number;
  framesRendered: number;
  messageCount: number;
  time: number;
  runState: string;
  lastVerdict: { kind: string; result?: { passed: boolean } } | null;
  followedVehicle: string | null;
  cameraTarget: [number, number, number];
  cameraDistance: number;
}

export async function hook(page: Page): Promise<TestHook> {
  return page.evaluate(() => {
    const h = (window as unknown as { __twinbench: TestHook }).__twinbench;
    return {
      vehiclePositions: h.vehiclePositions, instanceCount: h.instanceCount, framesRendered: h.framesRendered, messageCount: h.messageCount,
      time: h.time, runState: h.runState, lastVerdict: h.lastVerdict, followedVehicle: h.followedVehicle, cameraTarget: h.cameraTarget,
      cameraDistance: h.cameraDistance,
    };
  });
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  // The scenario list arrives over the WebSocket once connected.
  await expect(page.getByTestId('scenario-select').locator('option')).not.toHaveCount(0);
}

export async function loadScenario(page: Page, file: string, options: { architecture?: string; handsOn?: boolean } = {}): Promise<void> {
  await page.getByTestId('scenario-select').selectOption(file);
  if (options.architecture) await page.getByTestId('architecture-select').selectOption(options.architecture);
  await page.getByTestId('hands-on').setChecked(options.handsOn ?? true);
  await page.getByTestId('load').click();
  await expect(page.getByTestId('run-state')).toHaveText('ready');
}

/** Play at a speed; while already playing, choosing the speed is enough (the app applies it at once). */
export async function play(page: Page, speed: number | 'max'): Promise<void> {
  await page.getByTestId('speed').selectOption(String(speed));
  const button = page.getByTestId('play');
  if (await button.isEnabled()) await button.click();
  await expect(page.getByTestId('run-state')).toHaveText(/playing|finished/);
}

export async function pause(page: Page): Promise<void> {
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
}

export async function waitForVerdict(page: Page, timeout = 60_000): Promise<boolean> {
  const verdict = page.getByTestId('final-verdict');
  await expect(verdict).toBeVisible({ timeout });
  return (await verdict.getAttribute('data-passed')) === 'true';
}

/** The screen of a role (`car`, `panel`, `tv`, `phone`) in the device-screens panel. */
export const screen = (page: Page, role: string) => page.getByTestId(`screen-${role}`);

export async function answerPrompt(page: Page, role: string, answer: 'confirm' | 'decline'): Promise<void> {
  await screen(page, role).getByTestId(`prompt-${answer}-${role}`).click();
  await expect(screen(page, role).getByTestId('prompt')).toHaveCount(0);
}

export async function filterMessages(page: Page, filter: { topic?: string; kind?: string; failedOnly?: boolean }): Promise<void> {
  if (filter.topic !== undefined) await page.getByTestId('filter-topic').fill(filter.topic);
  if (filter.kind !== undefined) await page.getByTestId('filter-kind').selectOption(filter.kind);
  if (filter.failedOnly !== undefined) await page.getByTestId('filter-failed').setChecked(filter.failedOnly);
}

/** Click the newest message row with this topic (and kind) and wait for the inspector to show it. */
export async function inspectMessage(page: Page, topic: string, kind = 'command'): Promise<void> {
  await filterMessages(page, { topic, kind });
  const row = page.locator(`[data-testid=message-row][data-topic="${topic}"]`).last();
  await row.click();
  await expect(page.getByTestId('message-inspector')).toContainText(topic);
}

/** A screenshot of one view (or the whole window) under test-results/, to look at after the run. */
export async function screenshotView(page: Page, name: string, testId?: string): Promise<void> {
  const target = testId ? page.getByTestId(testId) : page;
  await target.screenshot({ path: `test-results/${name}.png` });
}

/** The one time format of the app (issue 18): the scene's time of day, HH:MM:SS.mmm. */
export const TIME_OF_DAY = /^\d\d:\d\d:\d\d\.\d\d\d$/;

/** Whether the element with this test id sits inside the box of its ancestor (it is not cut off or off-screen). */
export async function fitsInside(page: Page, testId: string, containerTestId: string): Promise<boolean> {
  return page.evaluate(([id, container]) => {
    const inner = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
    const outer = document.querySelector(`[data-testid="${container}"]`)?.getBoundingClientRect();
    if (!inner || !outer) return false;
    return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.width > 0;
  }, [testId, containerTestId] as const);
}

/** Chooses the twin in the inspector and sends it an event of this type; waits for the confirmation line. */
export async function sendTwinEvent(page: Page, twin: string, type: string): Promise<void> {
  await page.getByTestId('twin-select').selectOption(twin);
  await page.getByTestId('event-type').selectOption(type);
  await page.getByTestId('send-event').click();
  await expect(page.getByTestId('send-result')).toBeVisible();
}

/** Turns presenter mode on or off and waits for the layout to follow. */
export async function setPresenter(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('presenter-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-layout', on ? 'presenter' : 'workbench');
}

/** Whether the element is wholly inside the window (not cut off at an edge, not scrolled away). */
export async function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
  });
}
