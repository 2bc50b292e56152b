// One window, six resizable panels: scenario and twin inspector on the left, the city map over the message flow
// in the middle, the device screens over the charts on the right.
import { CityMapPanel } from '../panels/CityMapPanel';
import { ChartsPanel } from '../panels/ChartsPanel';
import { DeviceScreensPanel } from '../panels/DeviceScreensPanel';
import { MessageFlowPanel } from '../panels/MessageFlowPanel';
import { ScenarioPanel } from '../panels/ScenarioPanel';
import { TwinInspectorPanel } from '../panels/TwinInspectorPanel';
import { StatusBar } from './StatusBar';
import { SplitPane } from './SplitPane';

export function App() {
  return (
    <div className="app">
      <StatusBar />
      <div className="workspace">
        <SplitPane direction="row" initial={0.24} testId="layout">
          <SplitPane direction="column" initial={0.55}>
            <ScenarioPanel />
            <TwinInspectorPanel />
          </SplitPane>
          <SplitPane direction="row" initial={0.68}>
            <SplitPane direction="column" initial={0.55}>
              <CityMapPanel />
              <MessageFlowPanel />
            </SplitPane>
            <SplitPane direction="column" initial={0.6}>
              <DeviceScreensPanel />
              <ChartsPanel />
            </SplitPane>
          </SplitPane>
        </SplitPane>
      </div>
    </div>
  );
}
