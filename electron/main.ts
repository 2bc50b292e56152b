// The desktop shell: one window showing the built renderer, the engine (a LiveSession behind an EngineHost) in
// this process, and IPC between them. The window is locked down — context isolation, sandbox, no Node in the page,
// a strict Content-Security-Policy, no remote content, no navigation away, links opened in the system browser.
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineHost } from '../engine/server/engine-host';
import { ScenarioCatalogue } from '../engine/server/scenario-catalogue';
import { CONTENT_SECURITY_POLICY } from '../engine/server/static-files';
import { bridgeEngineToIpc } from './ipc-bridge';
import { SecretStore } from './secret-store';
import { bridgeSettingsToIpc } from './settings-bridge';

// Bundled to dist/electron/main.mjs: the repository root is two folders up.
const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER_INDEX = path.join(ROOT, 'dist/renderer/index.html');
const RENDERER_DIR_URL = pathToFileURL(path.join(ROOT, 'dist/renderer')).href + '/';
const PRELOAD = path.join(import.meta.dirname, 'preload.cjs');

const isAppPage = (url: string): boolean => url.startsWith(RENDERER_DIR_URL);

function createWindow(engine: EngineHost): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 1000,
    title: 'Twinbench',
    backgroundColor: '#0d1117',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const stopBridge = bridgeEngineToIpc({
    engine,
    ipcMain,
    isAppPage,
    send: (channel, payload) => {
      if (!win.isDestroyed()) win.webContents.send(channel, payload);
    },
  });
  win.on('closed', stopBridge);
  void win.loadFile(RENDERER_INDEX);
  return win;
}

function lockDown(): void {
  // The same policy the browser mode's server sends, as a header on everything this session loads.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No camera, microphone, notifications, geolocation …: the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppPage(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links (documentation, a scenario's source) open in the user's browser, never inside the app.
      if (url.startsWith('https://') || url.startsWith('http://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

app.whenReady().then(() => {
  lockDown();
  const engine = new EngineHost({ catalogue: new ScenarioCatalogue([path.join(ROOT, 'scenarios')]) });
  // Broker passwords and private keys: encrypted with the OS keychain under userData, never in plain text.
  bridgeSettingsToIpc({ store: new SecretStore(app.getPath('userData'), safeStorage), ipcMain, isAppPage });
  createWindow(engine);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(engine);
  });
  app.on('window-all-closed', () => {
    engine.dispose();
    app.quit();
  });
}, (err: unknown) => {
  console.error(`Twinbench could not start: ${(err as Error).message}`);
  app.exit(1);
});
