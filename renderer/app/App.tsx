// One window. The workbench layout: scenario, recordings and twin inspector on the left, the city map over the
// message flow in the middle, the device screens over the charts on the right. The presenter layout (issue 18):
// the map and the device screens large, the side panels folded away, the run's controls in a bar at the top.
// Either way an open replay's scrubber is the bar at the top, and every split is remembered (localStorage).
import { useCallback, useState, type ReactElement } from 'react';
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
import { SplitPane, type SplitPaneProps } from './SplitPane';
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
      <main className="workspace">
        {/* Keyed, so switching layouts mounts the other one's panes: a split must not keep the other layout's share. */}
        <LayoutView key={presenter ? 'presenter' : 'workbench'} layout={presenter ? PRESENTER : WORKBENCH} />
      </main>
    </div>
  );
}

/** A layout as data: a panel, or two layouts split by a handle (SplitPane's props). */
interface Split {
  split: Omit<SplitPaneProps, 'children'>;
  panes: [Layout, Layout];
}
type Layout = ReactElement | Split;

const WORKBENCH: Layout = {
  split: { direction: 'row', initial: 0.24, testId: 'layout', storageKey: 'left', label: 'the side panels and the views' },
  panes: [
    {
      split: { direction: 'column', initial: 0.45, storageKey: 'left-top', label: 'scenario and recordings' },
      panes: [<ScenarioPanel key="scenario" />, { split: { direction: 'column', initial: 0.6, storageKey: 'left-bottom', label: 'recordings and twin inspector' }, panes: [<RecordingsPanel key="recordings" />, <TwinInspectorPanel key="inspector" />] }],
    },
    {
      split: { direction: 'row', initial: 0.68, storageKey: 'centre', label: 'the map and the device screens' },
      panes: [
        { split: { direction: 'column', initial: 0.55, storageKey: 'map', label: 'the map and the message flow' }, panes: [<CityMapPanel key="map" />, <Tabs key="flow" label="Message views" storageKey="flow" views={FLOW_VIEWS} />] },
        {
          split: { direction: 'column', initial: 0.6, storageKey: 'screens', label: 'device screens and charts' },
          panes: [<Tabs key="screens" label="Screens and devices" storageKey="screens" views={SCREEN_VIEWS} />, <Tabs key="charts" label="Charts and comparison" storageKey="charts" views={CHART_VIEWS} />],
        },
      ],
    },
  ],
};

/** The map and the screens a customer looks at; the message flow below them, small, for the "how". */
const PRESENTER: Layout = {
  split: { direction: 'column', initial: 0.78, testId: 'layout', storageKey: 'presenter-main', label: 'the story and the message flow' },
  panes: [
    { split: { direction: 'row', initial: 0.64, storageKey: 'presenter-top', label: 'the map and the device screens' }, panes: [<CityMapPanel key="map" />, <DeviceScreensPanel key="screens" />] },
    <MessageFlowPanel key="flow" />,
  ],
};

const isSplit = (layout: Layout): layout is Split => 'split' in layout;

function LayoutView({ layout }: { layout: Layout }) {
  if (!isSplit(layout)) return <>{layout}</>;
  return (
    <SplitPane key={layout.split.storageKey} {...layout.split}>
      <LayoutView layout={layout.panes[0]} />
      <LayoutView layout={layout.panes[1]} />
    </SplitPane>
  );
}
