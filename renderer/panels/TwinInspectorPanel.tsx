// Twin inspector: any twin's state and context (Matter/Home Assistant attribute names for home devices, COVESA
// VSS signals for a car), refreshed as the run moves, and a form to send the twin an event by hand.
import { useEffect, useMemo, useState } from 'react';
import type { Json, TwinEvent, TwinInfo, TwinView } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';
import { FollowButton } from '../map/FollowButton';
import { StateChartView } from './StateChartView';
import { useTwinView } from '../state/use-twin-view';


function groupOf(address: string): string {
  const [kind, id] = address.split('/');
  return kind === 'home' ? `Home ${id}` : kind === 'vehicle' ? `Vehicle ${id}` : kind === 'phone' ? `Phone ${id}` : 'Other';
}

export function TwinInspectorPanel() {
  const model = useModel();
  const twins = useAppState((s) => s.session?.twins ?? []);
  const selected = useAppState((s) => s.selectedTwin);
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const [view, setView] = useTwinView(model, selected, t);

  const groups = useMemo(() => {
    const map = new Map<string, TwinInfo[]>();
    for (const twin of twins) map.set(groupOf(twin.address), [...(map.get(groupOf(twin.address)) ?? []), twin]);
    return [...map];
  }, [twins]);

  // The picker lists every twin (thousands in a neighbourhood) and this panel re-renders on every snapshot (~10/s):
  // rebuilding the select each time took two thirds of the page's main thread. It changes only with the twin list
  // and the selection.
  const options = useMemo(() => groups.map(([group, list]) => (
    <optgroup key={group} label={group}>
      {list.map((twin) => <option key={twin.address} value={twin.address}>{twin.address.split('/').slice(2).join('/')} ({twin.kind})</option>)}
    </optgroup>
  )), [groups]);
  const picker = useMemo(() => (
    <select aria-label="Twin" data-testid="twin-select" value={selected ?? ''} onChange={(e) => model.selectTwin(e.target.value || null)}>
      <option value="">choose a twin…</option>
      {options}
    </select>
  ), [options, selected, model]);
  return (
    <Panel title="Twin inspector" testId="twin-inspector">
      {picker}
      <FollowButton />
      {view && (
        <>
          <dl className="facts">
            <dt>address</dt><dd><code>{view.address}</code></dd>
            <dt>type</dt><dd>{view.kind}</dd>
            <dt>state</dt><dd data-testid="twin-state"><b>{view.state}</b></dd>
          </dl>
          {view.chart && <StateChartView chart={view.chart} />}
          <JsonTable title="Context" value={view.context} testId="twin-context" />
          {view.signals && <JsonTable title="COVESA VSS signals" value={view.signals as Json} testId="twin-signals" />}
          <SendEventForm address={view.address} accepted={view.acceptedEvents} onSent={setView} />
        </>
      )}
    </Panel>
  );
}

function JsonTable({ title, value, testId }: { title: string; value: Json; testId: string }) {
  const entries = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [['value', value] as [string, Json]];
  return (
    <>
      <h3>{title}</h3>
      <table className="kv" data-testid={testId}>
        <tbody>
          {entries.map(([key, v]) => (
            <tr key={key}><th>{key}</th><td><code>{typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}</code></td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SendEventForm({ address, accepted, onSent }: { address: string; accepted: string[]; onSent: (view: TwinView) => void }) {
  const model = useModel();
  const [type, setType] = useState(accepted[0] ?? '');
  const [fields, setFields] = useState('{}');
  const [result, setResult] = useState<string | null>(null);
  // Keyed by content: every snapshot brings a new (equal) list, and resetting on it wiped the answer.
  const acceptedKey = accepted.join('\n');
  useEffect(() => {
    setType((t) => (accepted.includes(t) ? t : (accepted[0] ?? '')));
  }, [acceptedKey]); // accepted itself is a new array on every refresh
  useEffect(() => setResult(null), [address]);

  const send = async (): Promise<void> => {
    let extra: Record<string, Json>;
    try {
      const parsed = JSON.parse(fields || '{}') as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('fields must be a JSON object');
      extra = parsed as Record<string, Json>;
    } catch (err) {
      setResult(`Not sent: ${(err as Error).message}`);
      return;
    }
    const answer = await model.sendTwinEvent(address, { ...extra, type } as TwinEvent);
    if (answer === undefined) return setResult('Not sent (see the error above)');
    onSent(answer.twin);
    setResult(answer.ok ? `Done in person at the device, ${type}: now ${answer.twin.state}` : `Refused: ${answer.refusal}`);
  };

  return (
    <div className="send-event">
      <h3>Act at the device</h3>
      <p className="small" data-testid="physical-note">
        A physical action by a person at the device (turning the key, pressing the button): no message, so no hop or
        security check; recorded as <code>twin.physical_action</code>, by <code>in-person</code>.
      </p>
      <div className="toolbar">
        <select aria-label="Event type" data-testid="event-type" value={type} onChange={(e) => setType(e.target.value)}>
          {accepted.map((e) => <option key={e} value={e}>{e}</option>)}
        </select>
        <button type="button" data-testid="send-event" onClick={() => void send()} disabled={type === ''}>Send</button>
      </div>
      <textarea aria-label="Event fields (JSON)" data-testid="event-fields" rows={2} value={fields} onChange={(e) => setFields(e.target.value)} spellCheck={false} />
      {result && <p className="small" data-testid="send-result">{result}</p>}
    </div>
  );
}
