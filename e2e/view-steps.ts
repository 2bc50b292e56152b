// Steps of the integrator views (issue 18 §6) shared by their end-to-end tests: open a view's tab, run axe on it.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens the tab of a view (`topics`, `traces`, `statechart`, `devices`, `compare` …) and waits for it to show. */
export async function openView(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

/** Serious or critical axe violations inside one view (the map's canvas excluded: axe cannot read pixels). */
export async function seriousViolationsIn(page: Page, testId: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(`[data-testid="${testId}"]`).exclude('canvas').analyze();
  for (const v of results.violations) console.log(`axe ${v.impact} in ${testId}: ${v.id} — ${v.help} (${v.nodes.length} node(s))`);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
