// Desktop mode: the protocol over Electron IPC, through the narrow bridge the preload exposes with contextBridge
// (the page itself has no Node or Electron access). Channel names come from the protocol's tables.
import {
  COMMAND_CHANNELS, EVENT_CHANNELS, PRELOAD_GLOBAL, type CommandName, type CommandRequest, type CommandResponse, type EngineEvents, type EventName,
  type PreloadBridge, type Transport, type Unsubscribe,
} from '../../protocol';

export class IpcTransport implements Transport {
  constructor(private readonly bridge: PreloadBridge) {}

  /** The preload's bridge when running inside the Electron shell, else undefined. */
  static bridgeOf(win: object): PreloadBridge | undefined {
    return (win as Record<string, PreloadBridge | undefined>)[PRELOAD_GLOBAL];
  }

  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
    return this.bridge.invoke(COMMAND_CHANNELS[command], request) as Promise<CommandResponse<C>>;
  }

  listen<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    return this.bridge.on(EVENT_CHANNELS[event], listener as (payload: unknown) => void);
  }
}
