// The browser transport: requests wait for the socket to open, answers are matched by id, events reach their
// listeners, and a dropped connection fails pending requests with a message that says what to check.
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../protocol';
import { createEngineClient } from './engine-client';
import { WebSocketTransport, type WebSocketLike } from './websocket-transport';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

describe('WebSocketTransport', () => {
  it('queues requests until open, matches answers by id and delivers events', async () => {
    const sockets: FakeSocket[] = [];
    const transport = new WebSocketTransport('ws://127.0.0.1:1/engine', () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    });
    const api = createEngineClient(transport);
    const states: string[] = [];
    api.onRunState((s) => states.push(s.state));
    const paused = api.pause();
    const twin = api.getTwin({ address: 'home/h1/lock.front_door' });
    const socket = sockets[0]!;
    expect(socket.sent).toHaveLength(0);
    socket.open();
    const frames = socket.sent.map((t) => JSON.parse(t) as { id: number; command: string; request: unknown });
    expect(frames.map((f) => f.command)).toEqual(['pause', 'getTwin']);
    expect(frames[1]!.request).toEqual({ address: 'home/h1/lock.front_door' });
    // Answers out of order still reach the right caller.
    socket.receive({ kind: 'response', id: frames[1]!.id, ok: false, error: 'no twin at home/h1/lock.front_door' });
    socket.receive({ kind: 'response', id: frames[0]!.id, ok: true, response: { state: 'paused', speed: 1, t: 5, endTime: 10 } });
    await expect(twin).rejects.toThrow('no twin at home/h1/lock.front_door');
    expect((await paused).state).toBe('paused');
    socket.receive({ kind: 'event', event: 'runState', payload: { state: 'playing', speed: 2, t: 6, endTime: 10 } });
    expect(states).toEqual(['playing']);
    transport.close();
  });

  it('fails pending requests when the connection drops', async () => {
    let socket: FakeSocket | undefined;
    const transport = new WebSocketTransport('ws://x/engine', () => (socket = new FakeSocket()));
    socket!.open();
    const pending = transport.invoke('listScenarios', undefined);
    transport.close();
    socket!.onclose?.({});
    await expect(pending).rejects.toThrow(/twinbench serve/);
  });

  it('derives the endpoint from the page it was served with', () => {
    expect(WebSocketTransport.urlFor({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/engine');
  });
});
