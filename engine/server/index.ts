// The app's engine side: the live-session controller, the process-side EngineHost both transports forward to, and
// the browser-mode server (`twinbench serve`). Electron's main process uses EngineHost directly.
export { startServer, type RunningServer, type ServerOptions } from './server';
export { EngineHost } from './engine-host';
export { LiveSession, type LiveSessionOptions, type Publish } from './live-session';
export { ScenarioCatalogue, SHIPPED_SCENARIOS_DIR } from './scenario-catalogue';
export { handsOnScenario } from './hands-on';
export { CONTENT_SECURITY_POLICY } from './static-files';
