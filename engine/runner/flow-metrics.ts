// Stream and transfer figures from the canonical stream's flow.* events (twins/bus/flow-network.ts): per flow,
// time to first frame, stalls and rebuffer ratio, throughput, transfer completion time — and the named metrics
// expectations read (`flow.<id>.ttff_ms` …). A figure the flow never reached is absent from the named metrics, so an
// expectation on it fails ("no metric") rather than passing on 0; the catalogue of names is FLOW_METRIC_NAMES.
import type { SimEvent } from '../../twins/kernel/event-log';
import type { FlowMetricName, FLOWS_METRIC_NAMES } from '../scenario/metric-names';
import type { FlowMetrics } from './result';

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export class FlowMetricsCollector {
  private readonly flows = new Map<string, FlowMetrics>();

  observe(event: SimEvent): void {
    if (!event.type.startsWith('flow.')) return;
    const d = event.data;
    const id = String(d.flow);
    if (event.type === 'flow.started' || (event.type === 'flow.failed' && !this.flows.has(id))) {
      this.flows.set(id, {
        id, kind: d.kind === 'transfer' ? 'transfer' : 'stream', from: String(d.from), to: String(d.to),
        links: Array.isArray(d.links) ? d.links.map(String) : [], outcome: 'running', reason: null,
        bitrateKbps: num(d.bitrateKbps), sizeBytes: num(d.sizeBytes), ttffMs: null, stalls: 0, stalledMs: 0,
        rebufferRatio: null, throughputKbps: null, completionMs: null,
      });
    }
    const flow = this.flows.get(id);
    if (flow === undefined) return;
    switch (event.type) {
      case 'flow.first_frame':
        flow.ttffMs = num(d.ttffMs);
        return;
      case 'flow.stalled':
        flow.stalls = num(d.stall) ?? flow.stalls + 1;
        return;
      case 'flow.completed':
        Object.assign(flow, { outcome: 'completed', completionMs: num(d.ms), throughputKbps: num(d.throughputKbps) });
        return;
      case 'flow.ended':
        Object.assign(flow, {
          outcome: 'ended', ttffMs: num(d.ttffMs), stalls: num(d.stalls) ?? flow.stalls, stalledMs: num(d.stalledMs) ?? 0,
          rebufferRatio: num(d.rebufferRatio), throughputKbps: num(d.throughputKbps),
        });
        return;
      case 'flow.failed':
        Object.assign(flow, { outcome: 'failed', reason: String(d.reason) });
        // A stream that failed before its first frame was all waiting.
        if (flow.kind === 'stream' && flow.ttffMs === null) flow.rebufferRatio = 1;
        return;
    }
  }

  list(): FlowMetrics[] {
    return [...this.flows.values()].map((f) => ({ ...f, links: [...f.links] }));
  }

  named(): Record<string, number> {
    const out: Record<string, number> = {};
    const flows = [...this.flows.values()];
    for (const f of flows) {
      const put = (name: FlowMetricName, value: number | null): void => {
        if (value !== null) out[`flow.${f.id}.${name}`] = value;
      };
      put('ttff_ms', f.ttffMs);
      // "Never stalled" says nothing of a picture that never came: no first frame, no stall figures.
      if (f.kind === 'stream' && f.outcome !== 'running' && f.ttffMs !== null) {
        put('stalls', f.stalls);
        put('stalled_ms', f.stalledMs);
      }
      put('rebuffer_ratio', f.rebufferRatio);
      put('throughput_kbps', f.throughputKbps);
      put('completion_ms', f.completionMs);
      put('failed', f.outcome === 'failed' ? 1 : 0);
    }
    if (flows.length === 0) return out;
    const settled = flows.filter((f) => f.kind === 'stream' && f.rebufferRatio !== null);
    const ttffs = flows.map((f) => f.ttffMs).filter((v): v is number => v !== null);
    const overall: Partial<Record<(typeof FLOWS_METRIC_NAMES)[number], number>> = {
      'flows.count': flows.length,
      'flows.failed': flows.filter((f) => f.outcome === 'failed').length,
      'flows.stalls': flows.reduce((sum, f) => sum + f.stalls, 0),
      ...(settled.length > 0 ? { 'flows.rebuffer_ratio.max': Math.max(...settled.map((f) => f.rebufferRatio!)) } : {}),
      ...(ttffs.length > 0 ? { 'flows.ttff_ms.max': Math.max(...ttffs) } : {}),
    };
    return { ...out, ...overall };
  }
}
