// Frames of the WebSocket transport: a request carries an id its response echoes, events carry no id. JSON text
// frames; channel names come from channels.ts.
import type { CommandName, CommandRequest, CommandResponse, EngineEvents, EventName } from './api';

export type RequestFrame<C extends CommandName = CommandName> = { kind: 'request'; id: number; command: C; request: CommandRequest<C> };

export type ResponseFrame<C extends CommandName = CommandName> =
  | { kind: 'response'; id: number; ok: true; response: CommandResponse<C> }
  | { kind: 'response'; id: number; ok: false; error: string };

export type EventFrame<E extends EventName = EventName> = { kind: 'event'; event: E; payload: EngineEvents[E] };

export type ServerFrame = ResponseFrame | EventFrame;

/** What the preload exposes on `window[PRELOAD_GLOBAL]`: raw channels, checked against the allowlist there. */
export interface PreloadBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Returns a function that removes the listener. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}
