// The desktop app itself, through Playwright's Electron driver: the window opens on the renderer and the engine
// answers over IPC. Skipped where Electron's binary is not installed (npm install denies its download: see
// allowScripts in package.json; `npm run electron:fetch` gets it where the network allows). The IPC bridge and the
// shell's set-up are covered without it by electron/*.test.ts.
import { _electron as electron, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function electronBinary(): string | undefined {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

test('electron: the window shows the app and the engine answers over IPC', async () => {
  test.skip(binary === undefined, 'Electron binary not installed: run `npm run electron:fetch` where the network allows (it cannot be downloaded here)');
  // The browser-mode server builds only the renderer; the desktop shell's bundle is built here, where it is used.
  execFileSync(process.execPath, [path.resolve('scripts/start.mjs'), '--build'], { stdio: 'inherit' });
  const app = await electron.launch({ executablePath: binary, args: [path.resolve('dist/electron/main.mjs')] });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('scenario-select').locator('option')).not.toHaveCount(0);
    await page.getByTestId('scenario-select').selectOption('scenarios/doorbell.yaml');
    await page.getByTestId('load').click();
    await expect(page.getByTestId('run-state')).toHaveText('ready');
    const isolated = await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
    await page.screenshot({ path: 'test-results/electron-window.png' });
  } finally {
    await app.close();
  }
});
