// The main process's side of the IPC contract: each command channel forwards to the engine host, each engine
// event goes to the window. No business logic here — the same EngineHost serves the browser mode's WebSocket.
// Only the app's own page may call: a frame from anywhere else is refused.
import { COMMAND_CHANNELS, COMMAND_NAMES, EVENT_CHANNELS, EVENT_NAMES, type CommandName, type Transport } from '../protocol';

/** The slice of Electron's ipcMain used here (so this file runs in tests without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, request: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BridgeOptions {
  engine: Transport;
  ipcMain: IpcMainLike;
  /** Deliver an engine event to the window (webContents.send), if it is still open. */
  send(channel: string, payload: unknown): void;
  /** True for the URL of the app's own page. */
  isAppPage(url: string): boolean;
}

export function bridgeEngineToIpc({ engine, ipcMain, send, isAppPage }: BridgeOptions): () => void {
  for (const command of COMMAND_NAMES) {
    ipcMain.handle(COMMAND_CHANNELS[command], (event, request) => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppPage(url)) throw new Error(`refused ${command} from ${url || 'an unknown frame'}: only the Twinbench window may drive the engine`);
      return engine.invoke(command as CommandName, request as never);
    });
  }
  const offs = EVENT_NAMES.map((name) => engine.listen(name, (payload) => send(EVENT_CHANNELS[name], payload)));
  return () => {
    for (const command of COMMAND_NAMES) ipcMain.removeHandler(COMMAND_CHANNELS[command]);
    for (const off of offs) off();
  };
}
