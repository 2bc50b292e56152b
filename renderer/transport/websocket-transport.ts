// Browser mode: the protocol over one WebSocket to the server that served the page. Requests sent before the
// socket opens wait for it; when the socket drops, pending requests fail with a message that says so, and the
// transport reconnects so a restarted server is picked up without reloading the page.
import { WEBSOCKET_PATH, type CommandName, type CommandRequest, type CommandResponse, type EngineEvents, type EventName, type RequestFrame, type ServerFrame, type Transport, type Unsubscribe } from '../../protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

const OPEN = 1;

export class WebSocketTransport implements Transport {
  private socket: WebSocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queued: string[] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private closed = false;
  /** Called with true when connected, false when the connection dropped. */
  onConnection: ((connected: boolean) => void) | undefined;

  constructor(private readonly url: string, private readonly open: (url: string) => WebSocketLike = (u) => new WebSocket(u) as unknown as WebSocketLike) {
    this.connect();
  }

  /** The endpoint of the server that served this page. */
  static urlFor(location: { protocol: string; host: string }): string {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEBSOCKET_PATH}`;
  }

  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
    const id = this.nextId++;
    const frame: RequestFrame<C> = { kind: 'request', id, command, request };
    return new Promise<CommandResponse<C>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const text = JSON.stringify(frame);
      if (this.socket?.readyState === OPEN) this.socket.send(text);
      else this.queued.push(text);
    });
  }

  listen<E extends EventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private connect(): void {
    const socket = this.open(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.onConnection?.(true);
      for (const text of this.queued.splice(0)) socket.send(text);
    };
    socket.onmessage = (ev) => this.receive(String(ev.data));
    socket.onclose = () => {
      for (const [id, p] of this.pending) {
        p.reject(new Error('the connection to the Twinbench engine closed before it answered (is `twinbench serve` still running?)'));
        this.pending.delete(id);
      }
      this.onConnection?.(false);
      if (!this.closed) setTimeout(() => this.connect(), 1000);
    };
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as ServerFrame;
    if (frame.kind === 'event') {
      for (const listener of this.listeners.get(frame.event) ?? []) (listener as (p: unknown) => void)(frame.payload);
      return;
    }
    const pending = this.pending.get(frame.id);
    if (pending === undefined) return;
    this.pending.delete(frame.id);
    if (frame.ok) pending.resolve(frame.response);
    else pending.reject(new Error(frame.error));
  }
}
