// The map draws its cars by one of two paths (render-profile.ts): on a CPU renderer (this machine's SwiftShader) the
// markers are copied into one pixel buffer and blitted once; on a GPU each is a drawImage from the atlas. The page
// picks by the WebGL renderer's name; `?render=cpu|gpu` forces either, so both are drawn here and read back from the
// moving layer's pixels where the app says the car is — a path that draws nothing, or draws elsewhere, fails.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, hook, loadScenario } from './steps';

test.use({ baseURL: appUrl() });

/** The most car-like pixel (opaque, warm: the car's orange or the selected car's pink) within 3 px of `at`. */
async function carPixelNear(page: Page, at: [number, number]): Promise<{ r: number; g: number; b: number; a: number } | null> {
  return page.evaluate(([x, y]) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=map-moving-layer]')!;
    const rect = canvas.getBoundingClientRect();
    const scale = canvas.width / rect.width;
    const cx = Math.round((x - rect.left) * scale);
    const cy = Math.round((y - rect.top) * scale);
    const r = Math.round(3 * scale);
    const data = canvas.getContext('2d')!.getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1).data;
    let best: { r: number; g: number; b: number; a: number } | null = null;
    for (let i = 0; i < data.length; i += 4) {
      const p = { r: data[i]!, g: data[i + 1]!, b: data[i + 2]!, a: data[i + 3]! };
      if (p.a > 200 && p.r > 200 && (best === null || p.r - p.b > best.r - best.b)) best = p;
    }
    return best;
  }, at);
}

for (const path of ['cpu', 'gpu'] as const) {
  test(`map: the cars are drawn on the ${path} path where the app places them`, async ({ page }) => {
    await page.goto(`/?render=${path}`);
    await expect(page.getByTestId('scenario-select').locator('option')).not.toHaveCount(0);
    await loadScenario(page, 'scenarios/commute.yaml', { handsOn: false });
    await expect.poll(async () => (await hook(page)).framesRendered, { timeout: 30_000 }).toBeGreaterThan(0);
    let at: [number, number] | null = null;
    await expect.poll(async () => (at = await page.evaluate(() => (window as unknown as { __twinbench: { vehiclePagePoint(id: string): [number, number] | null } }).__twinbench.vehiclePagePoint('car1'))), { timeout: 30_000 }).not.toBeNull();
    await page.waitForTimeout(300); // a frame after the last placement
    expect(await carPixelNear(page, at!)).not.toBeNull();
    // Away from any car (the canvas's corner), the layer is clear: the pixel above is the car's, not a fill.
    const box = (await page.getByTestId('map-moving-layer').boundingBox())!;
    expect(await carPixelNear(page, [box.x + 4, box.y + 4])).toBeNull();
  });
}
