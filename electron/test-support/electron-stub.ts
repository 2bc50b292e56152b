// Test support: just enough of Electron's main-process API for electron/main.ts to start without the binary.
// Everything the shell does to it is recorded on globalThis.__electronStub for the test to inspect.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Listener = (...args: never[]) => unknown;

export interface ElectronStubRecord {
  windows: { options: Record<string, unknown>; loaded: string | undefined; sent: [string, unknown][] }[];
  handlers: Map<string, Listener>;
  appListeners: Map<string, Listener[]>;
  opened: string[];
  csp: Listener | undefined;
  permissions: Listener | undefined;
  permissionChecks: Listener | undefined;
  /** protocol.registerSchemesAsPrivileged (before ready) and protocol.handle. */
  privilegedSchemes: unknown[];
  protocols: Map<string, Listener>;
  userData: string;
  /** What safeStorage.isEncryptionAvailable() answers; tests switch it off. */
  keychain: boolean;
}

const record: ElectronStubRecord = {
  windows: [], handlers: new Map(), appListeners: new Map(), opened: [], csp: undefined, permissions: undefined,
  permissionChecks: undefined, privilegedSchemes: [], protocols: new Map(),
  userData: mkdtempSync(path.join(tmpdir(), 'twinbench-electron-userdata-')), keychain: true,
};
(globalThis as Record<string, unknown>).__electronStub = record;

export const app = {
  whenReady: () => Promise.resolve(),
  on: (event: string, fn: Listener) => void record.appListeners.set(event, [...(record.appListeners.get(event) ?? []), fn]),
  getPath: (name: string) => (name === 'userData' ? record.userData : path.join(record.userData, name)),
  quit: () => undefined,
  exit: () => undefined,
};

export class BrowserWindow {
  static all: BrowserWindow[] = [];
  private readonly entry: ElectronStubRecord['windows'][number];
  readonly webContents = { send: (channel: string, payload: unknown) => void this.entry.sent.push([channel, payload]) };
  constructor(options: Record<string, unknown>) {
    this.entry = { options, loaded: undefined, sent: [] };
    record.windows.push(this.entry);
    BrowserWindow.all.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all;
  }
  loadFile(file: string): Promise<void> {
    this.entry.loaded = file;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.entry.loaded = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  on(): void {}
}

export const ipcMain = {
  handle: (channel: string, fn: Listener) => void record.handlers.set(channel, fn),
  removeHandler: (channel: string) => void record.handlers.delete(channel),
};

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (fn: Listener) => void (record.csp = fn) },
    setPermissionRequestHandler: (fn: Listener) => void (record.permissions = fn),
    setPermissionCheckHandler: (fn: Listener) => void (record.permissionChecks = fn),
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => void record.privilegedSchemes.push(...schemes),
  handle: (scheme: string, fn: Listener) => void record.protocols.set(scheme, fn),
};

export const shell = { openExternal: (url: string) => void record.opened.push(url) };

/** A stand-in keychain: reversible (so reading back works) and never the plain text, as the real one. */
export const safeStorage = {
  isEncryptionAvailable: () => record.keychain,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (encrypted: Buffer) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};
