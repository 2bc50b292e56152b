// Every shipped scene played in the UI to its verdict (issue 18 §8). The list is the scenarios folder itself, read
// when the tests start, so a scene added to it is played here without touching this file. Each is loaded with the
// scene's own answers to prompts (hands-on off) and its first architecture, played at max speed, and must end with
// the verdict its file declares: PASS, or "no verdict" for a `verdict: none` demo. A scene whose `connectors:` name a
// real endpoint (an OCPP CSMS, an external home cloud) runs on simulated when nothing answers there, so it must reach
// a verdict, but which one depends on that endpoint (the OCPP night fails without its CSMS, as it should).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { appUrl, loadScenario, openApp, play } from './steps';

test.use({ baseURL: appUrl() });

const DIR = path.join(import.meta.dirname, '..', 'scenarios');
const scenes = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((file) => {
  const doc = parse(readFileSync(path.join(DIR, file), 'utf8')) as { architectures?: string[] | string; verdict?: string; connectors?: object };
  // `architectures: all` (a word, not a list) leaves the choice to the app's default, the first one it offers.
  const architecture = Array.isArray(doc.architectures) ? doc.architectures[0] : undefined;
  return { file: `scenarios/${file}`, architecture, noVerdict: doc.verdict === 'none', needsEndpoint: doc.connectors !== undefined };
});

test('the scenarios folder has scenes to play', () => {
  expect(scenes.length).toBeGreaterThan(5);
});

for (const scene of scenes) {
  const expected = scene.noVerdict ? 'no verdict' : scene.needsEndpoint ? 'a verdict' : 'PASS';
  test(`${scene.file} plays in the UI to ${expected}`, async ({ page }) => {
    await openApp(page);
    // A scene the engine cannot load is listed as "(invalid)" with its first error: fail at once, saying so.
    const listed = await page.getByTestId('scenario-select').locator(`option[value="${scene.file}"]`).textContent();
    expect(listed, `${scene.file} is listed as invalid by the app (run twinbench validate ${scene.file})`).not.toMatch(/\(invalid\)$/);
    await loadScenario(page, scene.file, { ...(scene.architecture ? { architecture: scene.architecture } : {}), handsOn: false });
    await play(page, 'max');
    const verdict = page.getByTestId('final-verdict');
    await expect(verdict).toBeVisible({ timeout: 80_000 });
    await expect(page.getByTestId('run-state')).toHaveText('finished');
    if (scene.noVerdict) {
      await expect(verdict).toHaveAttribute('data-no-verdict', 'true');
    } else if (scene.needsEndpoint) {
      await expect(verdict).toHaveText(/PASS|FAIL/);
    } else {
      // The verdict's own text says which expectation failed, should one: shown in the assertion's message.
      expect(await verdict.getAttribute('data-passed'), await verdict.innerText()).toBe('true');
    }
  });
}
