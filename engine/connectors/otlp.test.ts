// OTLP export against a tiny local collector (an HTTP server that keeps what it is sent): every completed envelope
// arrives as its root span plus one span per hop, with the envelope's own trace and span ids and parent links.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../twins/bus/envelope';
import { attachConnectors } from './index';
import { confirmOnCarScreen, doorbellWorld, eventsOf, pipWasShown, pressDoorbell } from './test-support/doorbell-world';

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; startTimeUnixNano: string; endTimeUnixNano: string; attributes: { key: string; value: Record<string, unknown> }[] }

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function collector(): Promise<{ url: string; spans: OtlpSpan[]; contentTypes: string[]; resources: unknown[] }> {
  const spans: OtlpSpan[] = [];
  const contentTypes: string[] = [];
  const resources: unknown[] = [];
  const read = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/v1/traces') {
      contentTypes.push(String(req.headers['content-type']));
      const body = JSON.parse(await read(req));
      for (const rs of body.resourceSpans ?? []) {
        resources.push(rs.resource);
        for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, spans, contentTypes, resources };
}

describe('OTLP trace export', () => {
  it('exports each envelope as a root span and one span per hop, ids and parents preserved', async () => {
    const otlp = await collector();
    const sim = doorbellWorld('cloud-cloud');
    const connectors = await attachConnectors(sim, { otlp: otlp.url });
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(5_000);
    confirmOnCarScreen(sim);
    await connectors.runUntil(60_000);
    await connectors.close(); // flushes

    // Ids as the run's wires carry them (wire-ids.ts): the canonical ones mapped with the run's salt.
    const unlock = connectors.wireIds.envelope(eventsOf(sim, 'msg.delivered').find((e) => e.data.topic === 'lock/unlock')!.data as unknown as Envelope);
    expect(otlp.contentTypes[0]).toContain('application/json');
    const ofTrace = otlp.spans.filter((s) => s.spanId === unlock.spanId || unlock.hops.some((h) => h.spanId === s.spanId));
    expect(ofTrace).toHaveLength(1 + unlock.hops.length);
    expect(ofTrace.every((s) => s.traceId === unlock.traceId)).toBe(true);
    const root = ofTrace.find((s) => s.spanId === unlock.spanId)!;
    expect(root).toMatchObject({ name: 'command lock/unlock', parentSpanId: unlock.parentSpanId });
    for (const hop of unlock.hops) {
      const span = ofTrace.find((s) => s.spanId === hop.spanId)!;
      expect(span).toMatchObject({ name: `${hop.from} → ${hop.to}`, parentSpanId: hop.parentSpanId });
      // Virtual milliseconds, placed on the wall clock: the hop lasts exactly as long as in the simulation.
      expect(Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6).toBeCloseTo(hop.deliveredAt! - hop.sentAt, 3);
    }
    // The unlock's parent (the prompt it answers) is in the export too: one trace from doorbell to door.
    expect(otlp.spans.some((s) => s.spanId === unlock.parentSpanId && s.traceId === unlock.traceId)).toBe(true);
    const delivered = eventsOf(sim, 'msg.delivered').length;
    expect(otlp.spans.filter((s) => s.attributes.some((a) => a.key === 'twinbench.message.id'))).toHaveLength(delivered);
    expect(JSON.stringify(otlp.resources[0])).toContain('twinbench');
  });

  it('a collector that goes away costs counted drops and an event, not the run', async () => {
    const otlp = await collector();
    const sim = doorbellWorld('direct');
    const connectors = await attachConnectors(sim, { otlp: { url: otlp.url, exportTimeoutMs: 500 } });
    await cleanups.shift()!(); // stop the collector now
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(60_000);
    await connectors.close(); // the export, which fails
    expect(connectors.stats().otlp!.failedExports).toBeGreaterThan(0);
    expect(connectors.stats().otlp).toMatchObject({ exported: 0 });
    expect(connectors.stats().otlp!.dropped).toBeGreaterThan(0);
    expect(connectors.events.recent.some((e) => e.type === 'connector.endpoint-down' && e.endpoint.startsWith('otlp'))).toBe(true);
    expect(pipWasShown(sim, sim.home('h1').device('screen.central_panel').id)).toBe(true);
  });

  it('places spans so that none ends after its export, even when the run covers hours of virtual time in seconds', async () => {
    const otlp = await collector();
    const received: number[] = [];
    const sim = doorbellWorld('cloud-cloud');
    const connectors = await attachConnectors(sim, { otlp: otlp.url });
    const before = Date.now();
    await connectors.runUntil(1_000);
    pressDoorbell(sim);
    await connectors.runUntil(5_000);
    confirmOnCarScreen(sim);
    await connectors.runUntil(60_000);
    // Ten virtual hours later (a commute), something else happens: it must not be placed ten hours from now.
    await connectors.runUntil(10 * 3_600_000);
    pressDoorbell(sim);
    await connectors.runUntil(10 * 3_600_000 + 30_000);
    await connectors.close();
    received.push(Date.now());
    expect(otlp.spans.length).toBeGreaterThan(10);
    const ends = otlp.spans.map((s) => Number(BigInt(s.endTimeUnixNano) / 1_000_000n));
    const starts = otlp.spans.map((s) => Number(BigInt(s.startTimeUnixNano) / 1_000_000n));
    expect(Math.max(...ends)).toBeLessThanOrEqual(received[0]!);
    // The last virtual instant is the export instant: the latest span ends just before it, not hours before or after.
    expect(Math.max(...ends)).toBeGreaterThan(before - 31_000);
    // Virtual gaps are kept: the first ring is about ten hours before the second.
    expect(Math.max(...ends) - Math.min(...starts)).toBeGreaterThan(9.9 * 3_600_000);
  });
});
