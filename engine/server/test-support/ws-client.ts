// Test helper: a protocol client over a real WebSocket (the `ws` package), keeping every event it receives.
import WebSocket from 'ws';
import type { CommandName, CommandRequest, CommandResponse, EngineEvents, EventName, ServerFrame } from '../../../protocol';

export class TestClient {
  readonly events: { event: EventName; payload: unknown }[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.kind === 'event') return void this.events.push({ event: frame.event, payload: frame.payload });
      const waiter = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      if (frame.ok) waiter?.resolve(frame.response);
      else waiter?.reject(new Error(frame.error));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  invoke<C extends CommandName>(command: C, request?: CommandRequest<C>): Promise<CommandResponse<C>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ kind: 'request', id, command, request }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  async waitFor<E extends EventName>(event: E, match: (p: EngineEvents[E]) => boolean = () => true, timeoutMs = 20_000): Promise<EngineEvents[E]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.event === event && match(e.payload as EngineEvents[E]));
      if (found) return found.payload as EngineEvents[E];
      if (Date.now() > deadline) throw new Error(`no ${event} event matched within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.ws.close();
  }
}
