// Preload of the Twinbench window (sandboxed, context-isolated): exposes the protocol's channels, and only those,
// as `window.twinbenchIpc`.
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../protocol';
import { createPreloadBridge } from './preload-bridge';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadBridge(ipcRenderer));
