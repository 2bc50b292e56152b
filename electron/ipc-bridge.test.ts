// The Electron bridges without Electron: the main side forwards every command channel to the engine and every
// engine event to the window, and refuses frames that are not the app's page; the preload side exposes only the
// protocol's channels and hands the page the main process's own error message.
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../protocol';
import { EngineHost } from '../engine/server/engine-host';
import { bridgeEngineToIpc, type IpcMainLike } from './ipc-bridge';
import { createPreloadBridge, type IpcRendererLike } from './preload-bridge';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** ipcMain and ipcRenderer joined back to back, as Electron would join them. */
function fakeIpc(pageUrl: string) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const ipcMain: IpcMainLike = { handle: (ch, fn) => void handlers.set(ch, fn), removeHandler: (ch) => void handlers.delete(ch) };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, request) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      try {
        return await handler({ senderFrame: { url: pageUrl } }, request);
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': Error: ${(err as Error).message}`);
      }
    },
    on: (channel, fn) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeListener: (channel, fn) => listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
  };
  const send = (channel: string, payload: unknown): void => {
    for (const fn of listeners.get(channel) ?? []) fn({ sender: 'main' }, payload);
  };
  return { ipcMain, ipcRenderer, send, handlers };
}

let engine: EngineHost | undefined;
afterEach(() => engine?.dispose());

describe('Electron IPC bridge', () => {
  it('drives the engine from the page through the protocol channels only', async () => {
    engine = new EngineHost();
    const ipc = fakeIpc('file:///app/dist/renderer/index.html');
    const stop = bridgeEngineToIpc({ engine, ipcMain: ipc.ipcMain, send: ipc.send, isAppPage: (u) => u.startsWith('file:///app/dist/renderer/') });
    const page = createPreloadBridge(ipc.ipcRenderer);
    const states: unknown[] = [];
    const off = page.on(EVENT_CHANNELS.runState, (s) => states.push(s));

    const info = await page.invoke(COMMAND_CHANNELS.loadScenario, { file: 'scenarios/doorbell.yaml', architecture: 'direct' }) as { scenario: string };
    expect(info.scenario).toBe('doorbell');
    expect(states).toContainEqual(expect.objectContaining({ state: 'ready', scenario: 'doorbell' }));
    await expect(page.invoke(COMMAND_CHANNELS.getTwin, { address: 'home/h9/lock.front_door' })).rejects.toThrow(/^no twin at home\/h9\/lock.front_door/);
    await expect(page.invoke('twinbench:shell', {})).rejects.toThrow(/unknown command channel/);
    expect(() => page.on('twinbench:secrets', () => undefined)).toThrow(/unknown event channel/);

    off();
    stop();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses commands from any page but the app\'s own', async () => {
    engine = new EngineHost();
    const ipc = fakeIpc('https://evil.example/');
    bridgeEngineToIpc({ engine, ipcMain: ipc.ipcMain, send: ipc.send, isAppPage: (u) => u.startsWith('file:///app/') });
    await expect(createPreloadBridge(ipc.ipcRenderer).invoke(COMMAND_CHANNELS.listScenarios, undefined)).rejects.toThrow(/only the Twinbench window/);
  });
});
