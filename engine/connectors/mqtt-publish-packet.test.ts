import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { encodePublishV5, writePublishV5 } from './mqtt-publish-packet';

const TRACE = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'twinbench=m-1' };

/** What mqtt.js would have sent: mqtt-packet's own encoding of the same PUBLISH. */
function reference(topic: string, payload: string | Buffer, retain: boolean, properties: object): Buffer {
  return mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0, retain, dup: false, properties } as mqttPacket.IPublishPacket, { protocolVersion: 5 });
}

function parse(bytes: Buffer): mqttPacket.IPublishPacket[] {
  const parser = mqttPacket.parser({ protocolVersion: 5 });
  const packets: mqttPacket.IPublishPacket[] = [];
  const errors: Error[] = [];
  parser.on('packet', (p) => packets.push(p as mqttPacket.IPublishPacket));
  parser.on('error', (e) => errors.push(e));
  parser.parse(bytes);
  expect(errors).toEqual([]);
  return packets;
}

describe('encodePublishV5', () => {
  const cases: [string, string, string | Buffer, boolean, object][] = [
    ['content type and trace context', 'twinbench/v1/bus/direct/vehicle:car1/home:h1:lock/delivered', JSON.stringify({ a: 1 }), false, { contentType: 'application/json', userProperties: TRACE }],
    ['no properties, retained', 't', Buffer.from('x'), true, {}],
    ['a user property given twice', 't', 'x', false, { userProperties: { tracestate: ['a=1', 'b=2'], traceparent: TRACE.traceparent } }],
    ['empty payload', 'a/b', '', false, { userProperties: { traceparent: TRACE.traceparent } }],
    ['non-ASCII topic, properties and payload', 'maison/chambre-à-coucher/état', 'température 21 °C — ✓ 🚗', false, { contentType: 'text/plain; charset=utf-8', userProperties: { clé: 'valeur ✓' } }],
    // Remaining length crosses the one-, two- and three-byte variable integer boundaries.
    ['127-byte packet body', 't', 'x'.repeat(127 - 5), false, {}],
    ['128-byte packet body', 't', 'x'.repeat(128 - 5), false, {}],
    ['16,384-byte packet body', 't', Buffer.alloc(16_384 - 5, 7), false, {}],
    ['2 MB payload', 't', Buffer.alloc(2_097_152, 1), false, { userProperties: TRACE }],
  ];
  it.each(cases)('is byte for byte what mqtt-packet writes: %s', (_name, topic, payload, retain, properties) => {
    const ours = encodePublishV5(topic, payload, retain, properties);
    expect(ours.equals(reference(topic, payload, retain, properties))).toBe(true);
    const [packet] = parse(ours);
    expect(packet).toMatchObject({ cmd: 'publish', topic, qos: 0, retain });
    expect(packet!.payload.toString()).toBe(payload.toString());
  });

  it('two packets back to back parse as two (the length is exact, not padded)', () => {
    const one = encodePublishV5('a', 'first', false, { userProperties: TRACE });
    const two = encodePublishV5('b', 'second', true, { contentType: 'application/json' });
    expect(parse(Buffer.concat([one, two])).map((p) => [p.topic, p.payload.toString(), p.properties])).toEqual([
      ['a', 'first', { userProperties: TRACE }],
      ['b', 'second', { contentType: 'application/json' }],
    ]);
  });

  it('refuses a topic or property MQTT cannot carry, naming it, instead of writing a corrupt packet', () => {
    expect(() => encodePublishV5('t'.repeat(65_536), 'x', false, {})).toThrow(/MQTT topic is 65536 bytes; the protocol allows at most 65535/);
    expect(() => encodePublishV5('t', 'x', false, { userProperties: { k: 'v'.repeat(70_000) } })).toThrow(/user property value/);
    expect(() => encodePublishV5('t', 'x', false, { contentType: 'é'.repeat(40_000) })).toThrow(/content type is 80000 bytes/);
  });
});

describe('writePublishV5', () => {
  function fakeStream(writable = true) {
    const calls: string[] = [];
    const chunks: Buffer[] = [];
    return {
      calls, chunks, writable,
      write: (b: Buffer) => (calls.push('write'), chunks.push(b), true),
      cork: () => calls.push('cork'),
      uncork: () => calls.push('uncork'),
    };
  }

  it('writes whole packets, corked until the end of the tick (one system call for a burst)', async () => {
    const stream = fakeStream();
    const client = { connected: true, stream };
    for (let i = 0; i < 3; i++) expect(writePublishV5(client, 't', `m${i}`, false, { userProperties: TRACE })).toBe(true);
    expect(stream.calls).toEqual(['cork', 'write', 'write', 'write']);
    await new Promise((r) => process.nextTick(r));
    expect(stream.calls.at(-1)).toBe('uncork');
    expect(parse(Buffer.concat(stream.chunks)).map((p) => p.payload.toString())).toEqual(['m0', 'm1', 'm2']);
    writePublishV5(client, 't', 'next tick', false, {});
    expect(stream.calls.slice(-2)).toEqual(['cork', 'write']); // corked again in the new tick
  });

  it('leaves the message to mqtt.js (returns false, writes nothing) when not connected or the stream is gone', () => {
    const closed = fakeStream(false);
    expect(writePublishV5({ connected: true, stream: closed }, 't', 'x', false, {})).toBe(false);
    const down = fakeStream();
    expect(writePublishV5({ connected: false, stream: down }, 't', 'x', false, {})).toBe(false);
    expect(writePublishV5({ connected: true, stream: undefined }, 't', 'x', false, {})).toBe(false);
    expect([...closed.calls, ...down.calls]).toEqual([]);
  });
});
