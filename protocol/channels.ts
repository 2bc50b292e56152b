// Channel names of the engine⇄renderer contract, in one place: Electron IPC channels and WebSocket frame
// names are these strings, so the preload's allowlist, the IPC handlers and the server cannot drift apart.
import type { CommandName, EventName } from './api';

export const COMMAND_CHANNELS = {
  listScenarios: 'twinbench:listScenarios',
  loadScenario: 'twinbench:loadScenario',
  play: 'twinbench:play',
  pause: 'twinbench:pause',
  step: 'twinbench:step',
  sendTwinEvent: 'twinbench:sendTwinEvent',
  sendDeviceCommand: 'twinbench:sendDeviceCommand',
  getTwin: 'twinbench:getTwin',
  watchTwin: 'twinbench:watchTwin',
  getSnapshot: 'twinbench:getSnapshot',
  getSession: 'twinbench:getSession',
  getRoutes: 'twinbench:getRoutes',
  attach: 'twinbench:attach',
  setPreciseLocations: 'twinbench:setPreciseLocations',
  listRuns: 'twinbench:listRuns',
  openRun: 'twinbench:openRun',
  seek: 'twinbench:seek',
  diffRuns: 'twinbench:diffRuns',
  compareArchitectures: 'twinbench:compareArchitectures',
} as const satisfies Record<CommandName, string>;

export const EVENT_CHANNELS = {
  snapshot: 'twinbench:onSnapshot',
  messages: 'twinbench:onMessages',
  verdict: 'twinbench:onVerdict',
  runState: 'twinbench:onRunState',
  recordings: 'twinbench:onRecordings',
  twinTransitions: 'twinbench:onTwinTransitions',
} as const satisfies Record<EventName, string>;

export const COMMAND_NAMES = Object.keys(COMMAND_CHANNELS) as CommandName[];
export const EVENT_NAMES = Object.keys(EVENT_CHANNELS) as EventName[];

/** Path of the WebSocket endpoint in browser mode. */
export const WEBSOCKET_PATH = '/engine';

/** Name of the object the Electron preload puts on `window` (contextBridge.exposeInMainWorld). */
export const PRELOAD_GLOBAL = 'twinbenchIpc';
