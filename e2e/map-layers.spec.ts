// Issue 18, the map's story layers: each car's planned route (the driven part fading), an arc per message in flight
// between a car and its home coloured by architecture, and a pulse with its icon where a moment happens — a doorbell
// ring, an alarm, a rainstorm, a refused attack. Read through the test hook (what the frame loop drew), not pixels;
// screenshots are saved under test-results/ for review.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, loadScenario, openApp, pause, play, screenshotView } from './steps';

test.use({ baseURL: appUrl() });

interface Layers {
  routes: number; routeSegments: number; routeSegmentsDriven: number; arcs: number; arcArchitectures: string[]; pulses: number;
  pulsesSeen: Record<string, number>; arcFrames: number;
}

const layers = (page: Page): Promise<Layers> => page.evaluate(() => (window as unknown as { __twinbench: { mapLayers: Layers } }).__twinbench.mapLayers);
const time = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __twinbench: { time: number } }).__twinbench.time);

test('the commuting car\'s route is drawn ahead of it and fades behind it, and goes when it arrives', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/commute.yaml', { architecture: 'cloud-cloud', handsOn: false });
  expect((await layers(page)).routes).toBe(0); // parked: nothing planned
  await play(page, 30);
  await expect.poll(async () => (await layers(page)).routes, { timeout: 30_000 }).toBe(1);
  await expect.poll(async () => (await layers(page)).routeSegmentsDriven, { timeout: 30_000 }).toBeGreaterThan(0);
  await pause(page);
  const drawn = await layers(page);
  expect(drawn.routes).toBe(1); // still on its way (the drive takes minutes of virtual time)
  expect(drawn.routeSegmentsDriven).toBeLessThan(drawn.routeSegments);
  await screenshotView(page, 'map-route', 'city-map');
  await expect(page.getByTestId('legend-layers')).toContainText('route');
  // The story layers switch off (a calm map) and on again.
  await page.getByTestId('story-layers').setChecked(false);
  await expect.poll(async () => (await layers(page)).routes).toBe(0);
  await expect(page.getByTestId('legend-layers')).toHaveCount(0);
  await page.getByTestId('story-layers').setChecked(true);
  await expect.poll(async () => (await layers(page)).routes).toBe(1);
  await play(page, 600);
  await expect.poll(async () => (await layers(page)).routes, { timeout: 60_000 }).toBe(0); // arrived at work
});

test('messages fly between the car and the home as arcs in the architecture\'s colour, and the ring pulses', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: false });
  // A fresh page may first show the server's previous run: from this load on, nothing of it is drawn.
  await expect.poll(async () => { const l = await layers(page); return [l.arcs, l.pulses, l.pulsesSeen.doorbell]; }).toEqual([0, 0, 0]);
  await expect(page.getByTestId('legend-layers')).toContainText('message · cloud-cloud');
  const arcFramesBefore = (await layers(page)).arcFrames;
  await play(page, 5);
  await expect.poll(() => time(page), { timeout: 30_000 }).toBeGreaterThan(8_000);
  await play(page, 0.1);
  await expect.poll(async () => (await layers(page)).pulsesSeen.doorbell, { timeout: 30_000 }).toBe(1);
  await expect(page.locator('[data-testid=map-pulse][data-kind=doorbell]')).toBeVisible();
  // The ring's messages to the car flew as arcs, in the architecture's colour (read after the fact: a loaded machine
  // may poll only once they have landed).
  await expect.poll(async () => (await layers(page)).arcFrames, { timeout: 30_000 }).toBeGreaterThan(arcFramesBefore);
  expect((await layers(page)).arcArchitectures).toEqual(['cloud-cloud']);
  await screenshotView(page, 'map-arcs-doorbell', 'city-map');
  await pause(page);
});

test('an alarm, a rainstorm and a refused attack each pulse in their own colour and icon', async ({ page }) => {
  await openApp(page);
  const cases: [string, string, number][] = [
    ['scenarios/safety-alert.yaml', 'alarm', 5], ['scenarios/attack-forged-unlock.yaml', 'refused', 5], ['scenarios/rainstorm.yaml', 'rain', 60],
  ];
  for (const [file, kind, speed] of cases) {
    await loadScenario(page, file, { architecture: 'cloud-cloud', handsOn: false });
    expect((await layers(page)).pulsesSeen[kind]).toBe(0);
    await play(page, speed);
    await expect.poll(async () => (await layers(page)).pulsesSeen[kind], { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(page.locator(`[data-testid=map-pulse][data-kind=${kind}]`).first()).toBeVisible();
    await pause(page).catch(() => undefined); // a short scene may have finished
    await screenshotView(page, `map-pulse-${kind}`, 'city-map');
    // Only the moment of this scene pulsed.
    const seen = (await layers(page)).pulsesSeen;
    for (const other of ['doorbell', 'alarm', 'rain', 'refused'].filter((k) => k !== kind && !(kind === 'refused' && k === 'doorbell'))) expect(seen[other], `${file}: ${other}`).toBe(0);
  }
  await expect(page.getByTestId('legend-layers')).toContainText('attack refused');
  await expect(page.getByTestId('legend-layers')).toContainText('rainstorm');
});
