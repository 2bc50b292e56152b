// One window. The workbench layout: scenario, recordings and twin inspector on the left, the city map over the
// message flow in the middle, the device screens over the charts on the right. The presenter layout (issue 18):
// the map and the device screens large, the side panels folded away, the run's controls in a bar at the top.
// Either way an open replay's scrubber is the bar at the top, and every split is remembered (localStorage).
import { useCallback, useState } from 'react';
import { CityMapPanel } from '../panels/CityMapPanel';
import { ChartsPanel } from '../panels/ChartsPanel';
import { DeviceScreensPanel } from '../panels/DeviceScreensPanel';
import { MessageFlowPanel } from '../panels/MessageFlowPanel';
import { RecordingsPanel } from '../panels/RecordingsPanel';
import { ScenarioPanel } from '../panels/ScenarioPanel';
import { TwinInspectorPanel } from '../panels/TwinInspectorPanel';
import { ComparisonPanel } from '../views/ComparisonPanel';
import { DeviceCardsPanel } from '../views/devices/DeviceCardsPanel';
import { StateChartPanel } from '../views/statechart/StateChartPanel';
import { TopicTreePanel } from '../views/topics/TopicTreePanel';
import { TraceWaterfallPanel } from '../views/traces/TraceWaterfallPanel';
import { readFlag, writeFlag } from './layout-storage';
import { PresenterControls } from './PresenterControls';
import { ReplayBar } from './ReplayBar';
import { SplitPane } from './SplitPane';
import { StatusBar } from './StatusBar';
import { Tabs, type TabView } from './Tabs';

// Issue 18 §4/§6: the views integrators know share the places of the message flow, the screens and the charts.
const FLOW_VIEWS: TabView[] = [
  { id: 'flow', title: 'Message flow', render: () => <MessageFlowPanel /> },
  { id: 'topics', title: 'Topics', render: () => <TopicTreePanel /> },
  { id: 'traces', title: 'Traces', render: () => <TraceWaterfallPanel /> },
  { id: 'statechart', title: 'State chart', render: () => <StateChartPanel /> },
];
const SCREEN_VIEWS: TabView[] = [
  { id: 'screens', title: 'Screens', render: () => <DeviceScreensPanel /> },
  { id: 'devices', title: 'Devices', render: () => <DeviceCardsPanel /> },
];
const CHART_VIEWS: TabView[] = [
  { id: 'charts', title: 'Charts', render: () => <ChartsPanel /> },
  { id: 'compare', title: 'Compare', render: () => <ComparisonPanel /> },
];

export function App() {
  const [presenter, setPresenterState] = useState(() => readFlag('presenter', false));
  const setPresenter = useCallback((on: boolean) => {
    setPresenterState(on);
    writeFlag('presenter', on);
  }, []);
  return (
    <div className={`app${presenter ? ' presenter' : ''}`} data-testid="app" data-layout={presenter ? 'presenter' : 'workbench'}>
      <StatusBar presenter={presenter} onPresenter={setPresenter} />
      <ReplayBar />
      {presenter && <PresenterControls />}
      <main className="workspace">{presenter ? <PresenterLayout /> : <WorkbenchLayout />}</main>
    </div>
  );
}

function WorkbenchLayout() {
  return (
    <SplitPane direction="row" initial={0.24} testId="layout" storageKey="left" label="the side panels and the views">
      <SplitPane direction="column" initial={0.45} storageKey="left-top" label="scenario and recordings">
        <ScenarioPanel />
        <SplitPane direction="column" initial={0.6} storageKey="left-bottom" label="recordings and twin inspector">
          <RecordingsPanel />
          <TwinInspectorPanel />
        </SplitPane>
      </SplitPane>
      <SplitPane direction="row" initial={0.68} storageKey="centre" label="the map and the device screens">
        <SplitPane direction="column" initial={0.55} storageKey="map" label="the map and the message flow">
          <CityMapPanel />
          <Tabs label="Message views" storageKey="flow" views={FLOW_VIEWS} />
        </SplitPane>
        <SplitPane direction="column" initial={0.6} storageKey="screens" label="device screens and charts">
          <Tabs label="Screens and devices" storageKey="screens" views={SCREEN_VIEWS} />
          <Tabs label="Charts and comparison" storageKey="charts" views={CHART_VIEWS} />
        </SplitPane>
      </SplitPane>
    </SplitPane>
  );
}

/** The map and the screens a customer looks at; the message flow below them, small, for the "how". */
function PresenterLayout() {
  return (
    <SplitPane direction="column" initial={0.78} testId="layout" storageKey="presenter-main" label="the story and the message flow">
      <SplitPane direction="row" initial={0.64} storageKey="presenter-top" label="the map and the device screens">
        <CityMapPanel />
        <DeviceScreensPanel />
      </SplitPane>
      <MessageFlowPanel />
    </SplitPane>
  );
}
