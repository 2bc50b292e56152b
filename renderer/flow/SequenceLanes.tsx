// A sequence diagram with one lane per party (car, phone, vehicle cloud, hub, home cloud, gateway, devices): each
// message is a titled group of arrows, one per hop between two lanes, labelled with its link and latency. It shows
// the selected message's whole trace (request, response and what it caused), or the latest messages when none is
// selected. Drawn at the panel's pixel width so text stays readable however the panels are sized.
import { memo, useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../protocol';
import { activateOnKey } from '../app/keys';
import { PARTIES, formatMs, hopLatencyMs, partyOf } from './parties';

const LANE_TOP = 30;
const TITLE_ROW = 15;
const HOP_ROW = 17;
const MARGIN = 34;

/**
 * Memoised, and its message groups keyed by place: while messages stream in, the latest ones roll through the same
 * few SVG groups (their text rewritten, nothing created), and a selected trace that did not change costs nothing.
 */
export const SequenceLanes = memo(function SequenceLanes({ messages, selectedId, onSelect }: { messages: readonly Envelope[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(480);
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const spacing = (width - 2 * MARGIN) / (PARTIES.length - 1);
  const laneX = (address: string): number => MARGIN + PARTIES.indexOf(partyOf(address)) * spacing;
  let y = LANE_TOP;
  const groups = messages.map((m) => {
    const top = y;
    y += TITLE_ROW + m.hops.length * HOP_ROW;
    return { m, top };
  });
  const height = Math.max(y, LANE_TOP + 20) + 6;
  // Bring the selected message into view inside the diagram's own scroll box (a trace can be long).
  const selectedTop = groups.find((g) => g.m.id === selectedId)?.top;
  useEffect(() => {
    if (box.current !== null && selectedTop !== undefined) box.current.scrollTop = Math.max(0, selectedTop - LANE_TOP - 4);
  }, [selectedTop]);

  return (
    <div ref={box} className="sequence-box">
      <svg className="sequence" data-testid="sequence-lanes" width={width} height={height} role="group" aria-label="Message sequence by party">
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
          </marker>
        </defs>
        {PARTIES.map((p, i) => (
          <g key={p}>
            {/* Two-word parties on two lines, so neighbouring titles do not collide in a narrow panel. */}
            <text x={MARGIN + i * spacing} y={p.includes(' ') ? 8 : 14} textAnchor="middle" className="lane-title">
              {p.split(' ').map((word, k) => <tspan key={word} x={MARGIN + i * spacing} dy={k === 0 ? 0 : 10}>{word}</tspan>)}
            </text>
            <line x1={MARGIN + i * spacing} x2={MARGIN + i * spacing} y1={LANE_TOP - 6} y2={height - 2} className="lane" />
          </g>
        ))}
        {/* A message's accessible name is its visible text (kind, topic, latency, hops), as axe's label rule asks. */}
        {groups.map(({ m, top }, place) => (
          <g key={place} className={`hop${m.id === selectedId ? ' selected' : ''}`} onClick={() => onSelect(m.id)} data-testid="sequence-message" data-topic={m.topic}
            role="button" tabIndex={0} aria-pressed={m.id === selectedId} onKeyDown={(e) => activateOnKey(e, () => onSelect(m.id))}>
            <text x={4} y={top + 11} className="hop-title">{m.kind} {m.topic} · {formatMs(m.completedAt === undefined ? undefined : m.completedAt - m.createdAt)}</text>
            {m.hops.map((hop, i) => {
              const hy = top + TITLE_ROW + i * HOP_ROW + 10;
              const x1 = laneX(hop.from);
              const x2 = laneX(hop.to);
              const failed = hop.status === 'failed' || hop.status === 'lost';
              const cls = `${failed ? 'failed' : ''}${hop.status === 'in-flight' ? ' in-flight' : ''}`;
              const label = `${hop.link} ${formatMs(hopLatencyMs(hop))}`;
              return (
                <g key={hop.index} className={cls}>
                  {x1 === x2
                    ? <path d={`M${x1},${hy - 5} h18 v9 h-18`} fill="none" markerEnd="url(#arrow)" />
                    : <line x1={x1} x2={x2} y1={hy} y2={hy} markerEnd="url(#arrow)" />}
                  <text x={x1 === x2 ? x1 + 22 : (x1 + x2) / 2} y={hy - 3} textAnchor={x1 === x2 ? 'start' : 'middle'}>{label}</text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
});
