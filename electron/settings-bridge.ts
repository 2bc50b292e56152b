// The settings channels on both sides of IPC: the main process answers them from the SecretStore (only for the
// app's own page), and the preload exposes them to the page as `window.twinbenchSettings`. No answer ever carries
// a secret's value: the page can store a secret and ask whether one is stored, nothing more.
import { SETTINGS_CHANNELS, type SecretRef, type SettingsApi, type SettingsCommandName } from '../protocol/settings';
import type { IpcMainLike } from './ipc-bridge';
import { cleanIpcError, type IpcRendererLike } from './preload-bridge';
import type { SecretStore } from './secret-store';

export interface SettingsBridgeOptions {
  store: SecretStore;
  ipcMain: IpcMainLike;
  isAppPage(url: string): boolean;
}

export function bridgeSettingsToIpc({ store, ipcMain, isAppPage }: SettingsBridgeOptions): () => void {
  const answer: { [C in SettingsCommandName]: (request: Parameters<SettingsApi[C]>[0]) => ReturnType<SettingsApi[C]> extends Promise<infer R> ? R : never } = {
    setSecret: (r) => store.set(r, r?.value),
    hasSecret: (r) => store.has(r),
    deleteSecret: (r) => store.delete(r),
  };
  const names = Object.keys(SETTINGS_CHANNELS) as SettingsCommandName[];
  for (const name of names) {
    ipcMain.handle(SETTINGS_CHANNELS[name], (event, request) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppPage(url)) throw new Error(`refused ${name} from ${url || 'an unknown frame'}: only the Twinbench window may change settings`);
      return answer[name](request as SecretRef & { value: string });
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(SETTINGS_CHANNELS[name]));
}

/** The preload's settings object: one function per settings channel and nothing else of Electron. */
export function createSettingsBridge(ipcRenderer: IpcRendererLike): SettingsApi {
  const call = (name: SettingsCommandName) => (request: unknown) => ipcRenderer.invoke(SETTINGS_CHANNELS[name], request).catch((err: unknown) => {
    throw cleanIpcError(err);
  });
  return { setSecret: call('setSecret'), hasSecret: call('hasSecret'), deleteSecret: call('deleteSecret') } as SettingsApi;
}
