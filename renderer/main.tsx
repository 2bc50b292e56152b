// Renderer entry: pick the transport (Electron IPC when the preload's bridge is there, else the WebSocket of the
// server that served this page), build the app model over it, expose the test hook and render the window.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ModelContext } from './app/ModelContext';
import { AppModel } from './state/app-model';
import { installTestHook } from './state/test-hook';
import { createEngineClient } from './transport/engine-client';
import { IpcTransport } from './transport/ipc-transport';
import { WebSocketTransport } from './transport/websocket-transport';
import './styles.css';

const bridge = IpcTransport.bridgeOf(window);
let model: AppModel;
if (bridge !== undefined) {
  model = new AppModel(createEngineClient(new IpcTransport(bridge)));
  void model.start();
} else {
  const socket = new WebSocketTransport(WebSocketTransport.urlFor(window.location));
  model = new AppModel(createEngineClient(socket));
  socket.onConnection = (connected) => {
    model.setConnected(connected);
    if (connected) void model.start(); // also after a reconnect: the engine may have a session running
  };
}
installTestHook(model, window);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ModelContext.Provider value={model}>
      <App />
    </ModelContext.Provider>
  </StrictMode>,
);
