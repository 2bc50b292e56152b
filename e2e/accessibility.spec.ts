// axe-core over the app as a user meets it: the loaded doorbell scene, with a prompt on the screens, and the
// recordings panel. No serious or critical violation may appear; the rest are printed for review.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { appUrl, loadScenario, openApp, play, screen } from './steps';

test.use({ baseURL: appUrl() });

async function seriousViolations(page: Page): Promise<string[]> {
  // The map is a WebGL canvas: axe cannot read pixels, and its colour checks on it would be guesses.
  const results = await new AxeBuilder({ page }).exclude('canvas').analyze();
  for (const v of results.violations) console.log(`axe ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length} node(s))`);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('accessibility: no serious or critical axe violation with a scene loaded and a prompt shown', async ({ page }) => {
  await openApp(page);
  await loadScenario(page, 'scenarios/doorbell.yaml', { architecture: 'cloud-cloud', handsOn: true });
  expect(await seriousViolations(page)).toEqual([]);
  await play(page, 2);
  await expect(screen(page, 'car').getByTestId('pip')).toBeVisible({ timeout: 30_000 });
  expect(await seriousViolations(page)).toEqual([]);
});
