// What the preload exposes to the page (through contextBridge): invoke a command channel and listen to an event
// channel — only the channels of the protocol, nothing else of Electron or Node. Kept apart from preload.ts so it
// can be tested without Electron.
import { COMMAND_CHANNELS, EVENT_CHANNELS, type PreloadBridge } from '../protocol';

/** The slice of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const COMMANDS = new Set<string>(Object.values(COMMAND_CHANNELS));
const EVENTS = new Set<string>(Object.values(EVENT_CHANNELS));

/** Electron wraps errors thrown in the main process as "Error invoking remote method 'ch': Error: why"; keep the why. */
export function cleanIpcError(err: unknown): Error {
  const message = (err as Error)?.message ?? String(err);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''));
}

export function createPreloadBridge(ipcRenderer: IpcRendererLike): PreloadBridge {
  return {
    invoke(channel, request) {
      if (!COMMANDS.has(channel)) return Promise.reject(new Error(`unknown command channel "${channel}"`));
      return ipcRenderer.invoke(channel, request).catch((err: unknown) => {
        throw cleanIpcError(err);
      });
    },
    on(channel, listener) {
      if (!EVENTS.has(channel)) throw new Error(`unknown event channel "${channel}"`);
      // The IPC event object (with its sender) never reaches the page: only the payload.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => void ipcRenderer.removeListener(channel, wrapped);
    },
  };
}
