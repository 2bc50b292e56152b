// Preload of the Twinbench window (sandboxed, context-isolated): exposes the protocol's channels, and only those,
// as `window.twinbenchIpc`, and the settings channels (store/check a secret, never read one) as
// `window.twinbenchSettings`.
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../protocol';
import { SETTINGS_GLOBAL } from '../protocol/settings';
import { createPreloadBridge } from './preload-bridge';
import { createSettingsBridge } from './settings-bridge';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadBridge(ipcRenderer));
contextBridge.exposeInMainWorld(SETTINGS_GLOBAL, createSettingsBridge(ipcRenderer));
