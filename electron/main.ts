// The desktop shell: one window showing the built renderer, the engine (a LiveSession behind an EngineHost) in
// this process, and IPC between them. The window is locked down — context isolation, sandbox, no Node in the page,
// the page on an origin of its own (app://twinbench, app-protocol.ts) with a strict Content-Security-Policy, no
// permissions, no navigation away, links opened in the system browser (lockdown.ts).
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { EngineHost } from '../engine/server/engine-host';
import { ScenarioCatalogue } from '../engine/server/scenario-catalogue';
import { CONTENT_SECURITY_POLICY } from '../engine/server/static-files';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl } from './app-protocol';
import { brokerPasswordFromStore } from './broker-secret';
import { bridgeEngineToIpc } from './ipc-bridge';
import { lockDownContents, lockDownSession, type SessionLike, type WebContentsLike } from './lockdown';
import { SecretStore } from './secret-store';
import { bridgeSettingsToIpc } from './settings-bridge';

// Bundled to dist/electron/main.mjs: the repository root is two folders up.
const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const PRELOAD = path.join(import.meta.dirname, 'preload.cjs');

const isAppPage = isAppUrl;

// Must happen before the app is ready: the scheme gets a standard, secure origin of its own.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

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
  void win.loadURL(APP_INDEX_URL);
  return win;
}

function lockDown(): void {
  // Only files of dist/renderer, under the app's own origin.
  protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
  // The same policy the browser mode's server sends, on everything this session loads; no permissions at all.
  lockDownSession(session.defaultSession as unknown as SessionLike, { contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents as unknown as WebContentsLike, { isAppPage, openExternal: (url) => void shell.openExternal(url) });
  });
}

app.whenReady().then(() => {
  lockDown();
  // Broker passwords and private keys: encrypted with the OS keychain under userData, never in plain text. The page
  // may store them; the engine reads a broker's password from here when a scenario connects to that broker.
  const secrets = new SecretStore(app.getPath('userData'), safeStorage);
  const engine = new EngineHost({ catalogue: new ScenarioCatalogue([path.join(ROOT, 'scenarios')]), brokerPassword: brokerPasswordFromStore(secrets) });
  bridgeSettingsToIpc({ store: secrets, ipcMain, isAppPage });
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
