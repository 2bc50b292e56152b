// Scenario panel: pick a scenario, an architecture, a seed and parameters; load it; play, pause, step at a speed
// from 0.1× to max; and follow the timeline of steps and verdicts as they happen.
import { useEffect, useMemo, useState } from 'react';
import type { Architecture, Speed } from '../../protocol';
import { Panel } from '../app/Panel';
import { WELCOME_SCENARIO } from '../app/Welcome';
import { useAppState, useModel } from '../app/ModelContext';
import { seedProblem } from './seed';
import { Timeline } from './Timeline';

export const SPEEDS: Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 3600, 'max'];

export function ScenarioPanel() {
  const model = useModel();
  const scenarios = useAppState((s) => s.scenarios);
  const session = useAppState((s) => s.session);
  const status = useAppState((s) => s.status);
  const busy = useAppState((s) => s.busy);
  const loadError = useAppState((s) => s.loadError);
  const [file, setFile] = useState('');
  const [architecture, setArchitecture] = useState<Architecture | ''>('');
  const [seed, setSeed] = useState('');
  const [handsOn, setHandsOn] = useState(true);
  const [params, setParams] = useState<Record<string, string>>({});
  const [speed, setSpeed] = useState<Speed>(1);

  const chosen = scenarios.find((s) => s.file === file);
  // Follow the loaded session (e.g. after a reload), else the welcome's commute (issue 18: a demo does not open on
  // an attack scene), else the first scenario.
  useEffect(() => {
    if (file === '' && scenarios.length > 0) {
      setFile(session?.file ?? scenarios.find((s) => s.file === WELCOME_SCENARIO)?.file ?? scenarios[0]!.file);
    }
  }, [file, scenarios, session]);
  useEffect(() => {
    if (chosen === undefined) return;
    setArchitecture((a) => (a !== '' && chosen.architectures.includes(a) ? a : (chosen.architectures[0] ?? '')));
    setSeed(String(chosen.seed));
    setParams({});
  }, [chosen]);

  const set = useMemo(() => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== '')), [params]);
  const playing = status.state === 'playing';
  const canRun = status.state === 'ready' || status.state === 'paused' || status.state === 'playing';

  const seedError = seedProblem(seed);
  const load = (): void => {
    if (chosen === undefined || architecture === '' || seedError !== undefined) return;
    void model.load({ file: chosen.file, architecture, handsOn, ...(seed.trim() !== '' ? { seed: Number(seed) } : {}), ...(Object.keys(set).length ? { set } : {}) });
  };
  const changeSpeed = (value: string): void => {
    const next: Speed = value === 'max' ? 'max' : Number(value);
    setSpeed(next);
    if (playing) void model.play(next);
  };

  return (
    <Panel title="Scenario" testId="scenario-panel">
      <div className="form-grid">
        <label htmlFor="scenario-select">Scenario</label>
        <select id="scenario-select" data-testid="scenario-select" value={file} onChange={(e) => setFile(e.target.value)}>
          {scenarios.map((s) => <option key={s.file} value={s.file}>{s.title}</option>)}
        </select>
        <label htmlFor="architecture-select">Architecture</label>
        <select id="architecture-select" data-testid="architecture-select" value={architecture} onChange={(e) => setArchitecture(e.target.value as Architecture)}>
          {(chosen?.architectures ?? []).map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <label htmlFor="seed-input">Seed</label>
        <input id="seed-input" data-testid="seed-input" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)}
          aria-invalid={seedError !== undefined} aria-describedby={seedError !== undefined ? 'seed-error' : undefined} />
        {seedError !== undefined && <p id="seed-error" className="field-error" data-testid="seed-error" role="alert">{seedError}</p>}
      </div>
      <div className="toolbar">
        <button type="button" data-testid="load" onClick={load} disabled={busy || chosen === undefined || architecture === '' || seedError !== undefined}>Load</button>
        <button type="button" data-testid="play" onClick={() => void model.play(speed)} disabled={!canRun || playing}>▶ Play</button>
        <button type="button" data-testid="pause" onClick={() => void model.pause()} disabled={!playing}>❚❚ Pause</button>
        <button type="button" data-testid="step" onClick={() => void model.step()} disabled={!canRun}>Step</button>
        <select aria-label="Speed" data-testid="speed" value={String(speed)} onChange={(e) => changeSpeed(e.target.value)}>
          {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{s === 'max' ? 'max' : `${s}×`}</option>)}
        </select>
      </div>
      {loadError !== null && <p className="load-error" data-testid="load-error" role="alert">Not loaded: {loadError}</p>}
      {/* Below the run controls, so a scene with many parameters never pushes Load and Play out of a short panel. */}
      {(chosen?.parameters.length ?? 0) > 0 && (
        <div className="form-grid" role="group" aria-label="Scene parameters (applied on Load)">
          {chosen!.parameters.map((p) => (
            <ParameterInput key={p.name} name={p.name} placeholder={String(p.default)} title={p.description} value={params[p.name] ?? ''}
              options={p.enum?.map(String)} onChange={(v) => setParams((all) => ({ ...all, [p.name]: v }))} />
          ))}
        </div>
      )}
      <label className="check" title="The scenario's confirm/decline steps wait for your tap on a device screen">
        <input type="checkbox" data-testid="hands-on" checked={handsOn} onChange={(e) => setHandsOn(e.target.checked)} />
        Answer prompts myself
      </label>
      {chosen?.description && <p className="muted small description" title={chosen.description}>{chosen.description}</p>}
      {session !== null && <Timeline />}
    </Panel>
  );
}

function ParameterInput(props: { name: string; placeholder: string; title: string | undefined; value: string; options: string[] | undefined; onChange: (v: string) => void }) {
  const id = `param-${props.name}`;
  return (
    <>
      <label htmlFor={id} title={props.title}>{props.name}</label>
      {props.options ? (
        <select id={id} data-testid={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{props.placeholder} (default)</option>
          {props.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      ) : (
        <input id={id} data-testid={id} placeholder={props.placeholder} title={props.title} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </>
  );
}
