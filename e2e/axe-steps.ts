// axe-core over what the page shows now: the serious and critical violations, each with a few of its nodes (the
// rest are printed for review). Shared by the accessibility specs so every view is checked by the same rule.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousViolations(page: Page): Promise<string[]> {
  // The map is a WebGL canvas: axe cannot read pixels, and its colour checks on it would be guesses.
  const results = await new AxeBuilder({ page }).exclude('canvas').analyze();
  for (const v of results.violations) console.log(`axe ${v.impact}: ${v.id} — ${v.help} (${v.nodes.length} node(s))`);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
