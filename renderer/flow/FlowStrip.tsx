// Streams and transfers in the message-flow view: each flow's ends, the links it crosses, its fair share of them
// now and whether it is starting, playing, stalled or transferring (seed §3.4.4(2)). Flows that have finished stay
// listed, greyed, with their last rate, so a stall or a failed upload does not vanish from sight.
import { memo, useRef } from 'react';
import type { FlowSnapshot } from '../../protocol';
import { useAppState } from '../app/ModelContext';

const EMPTY: readonly FlowSnapshot[] = [];

function rate(kbps: number): string {
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${Math.round(kbps)} kbit/s`;
}

export const FlowStrip = memo(function FlowStrip() {
  const running = useAppState((s) => s.snapshot?.flows ?? EMPTY);
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  // Flows seen in this run, by id, in the order they appeared; a new run (time going back) forgets them.
  const seen = useRef(new Map<string, FlowSnapshot>());
  const lastT = useRef(0);
  if (t < lastT.current) seen.current.clear();
  lastT.current = t;
  for (const f of running) seen.current.set(f.id, f);
  if (seen.current.size === 0) return null;
  const live = new Set(running.map((f) => f.id));
  return (
    <table className="flow-strip" data-testid="flow-strip" aria-label="Streams and transfers">
      <thead>
        <tr><th>flow</th><th>from → to</th><th>links</th><th>rate</th><th>state</th></tr>
      </thead>
      <tbody>
        {[...seen.current.values()].map((f) => {
          const phase = live.has(f.id) ? f.phase : 'finished';
          return (
            <tr key={f.id} data-testid={`flow-row-${f.id}`} data-phase={phase} className={phase === 'finished' ? 'muted' : phase === 'stalled' ? 'fail' : undefined}>
              <td><code>{f.id}</code></td>
              <td>{f.from} → {f.to}</td>
              <td>{f.links.join(' → ')}</td>
              <td data-testid={`flow-rate-${f.id}`}>{rate(f.rateKbps)}</td>
              <td>{phase}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
