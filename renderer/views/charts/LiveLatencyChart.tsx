// End-to-end latency building while the run plays (issue 18 §4): a dot per delivered message at the time it
// arrived, the running p50/p95/p99 and the success and failure rates, kept up per message by the model's tracker
// (live-latency.ts): reading them costs the sketch and the dots drawn, not a pass over the log.
import { useMemo } from 'react';
import { useAppState, useModel } from '../../app/ModelContext';
import { clockAt } from '../../flow/clock';
import { formatMs } from '../../flow/parties';
import { useLogVersion } from '../../state/use-log-version';
import { LineChart } from './LineChart';
import { timeTicks } from './scale';

export function LiveLatencyChart() {
  const model = useModel();
  const version = useLogVersion(model.messages, 300);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  const endTime = useAppState((s) => s.session?.endTime ?? 0);
  const live = useMemo(() => model.latency.read(), [model.latency, version]);
  const s = live.stats;
  const completed = live.delivered + live.failed;
  const pct = (n: number): string => (completed === 0 ? '—' : `${((n / completed) * 100).toFixed(1)} %`);
  return (
    <div className="live-latency">
      <p className="small" data-testid="live-latency-summary" aria-live="off">
        {s.count} delivered · p50 {formatMs(s.count ? s.p50 : undefined)} · p95 {formatMs(s.count ? s.p95 : undefined)} · p99 {formatMs(s.count ? s.p99 : undefined)}
        {' · '}success {pct(live.delivered)} · failure {pct(live.failed)}
      </p>
      <LineChart
        title="End-to-end latency per message (live)" testId="live-latency-chart" xDomain={[0, Math.max(1, endTime)]}
        series={[{ id: 'e2e', label: 'delivered', color: 'var(--link)', points: live.points, style: 'dots' }]}
        references={s.count ? [{ y: s.p95, label: `p95 ${formatMs(s.p95)}`, color: 'var(--warn)' }] : []}
        xTicks={(a, b) => timeTicks(a, b, start)} xFormat={(t) => clockAt(t, start).slice(0, 5)} yFormat={(ms) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`)}
      />
    </div>
  );
}
