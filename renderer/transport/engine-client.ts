// The typed engine API the panels call (`api.play({ speed: 10 })`, `api.onSnapshot(fn)`), built over whichever
// Transport the renderer runs on. The method list comes from the protocol's channel tables, so a command added
// to the contract is available here without touching this file.
import { COMMAND_NAMES, EVENT_NAMES, type EngineApi, type Transport } from '../../protocol';

export function createEngineClient(transport: Transport): EngineApi {
  const api: Record<string, unknown> = {};
  for (const command of COMMAND_NAMES) {
    api[command] = (request?: unknown) => transport.invoke(command, request as never);
  }
  for (const event of EVENT_NAMES) {
    api[`on${event[0]!.toUpperCase()}${event.slice(1)}`] = (listener: (payload: unknown) => void) => transport.listen(event, listener);
  }
  return api as EngineApi;
}
