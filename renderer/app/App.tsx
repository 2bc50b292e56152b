// One window, seven resizable panels: scenario, recordings and twin inspector on the left, the city map over the
// message flow in the middle, the device screens over the charts on the right.
import { CityMapPanel } from '../panels/CityMapPanel';
import { ChartsPanel } from '../panels/ChartsPanel';
import { DeviceScreensPanel } from '../panels/DeviceScreensPanel';
import { MessageFlowPanel } from '../panels/MessageFlowPanel';
import { RecordingsPanel } from '../panels/RecordingsPanel';
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
          <SplitPane direction="column" initial={0.45}>
            <ScenarioPanel />
            <SplitPane direction="column" initial={0.6}>
              <RecordingsPanel />
              <TwinInspectorPanel />
            </SplitPane>
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
