// The embedded MQTT broker: aedes (MQTT 3.1.1) on a node:net server, bound to loopback. It is what the connectors
// talk to when no `--broker` URL is given, so a run can mirror its twins and messages with nothing installed.
// MQTT 5 features (user properties) need an external broker such as Mosquitto; aedes refuses v5 clients, and
// the connectors fall back to 3.1.1 with the trace context inside the payload.
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBrokerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind. Only loopback is accepted: the embedded broker has no authentication. */
  host?: '127.0.0.1';
}

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`embedded broker: refusing to listen on ${String(host)}; it has no authentication, so it binds 127.0.0.1 only`);
  const aedes = await Aedes.createBroker();
  const server: Server = createServer((socket) => aedes.handle(socket));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`embedded broker: cannot listen on ${host}:${options.port ?? 0} (${code ?? (err as Error).message})${code === 'EADDRINUSE' ? ': the port is taken; pass port 0 for a free one' : ''}`);
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let closing: Promise<void> | undefined;
  return {
    url: `mqtt://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Close the broker first: it disconnects its clients, so the server's close() does not wait on them.
        aedes.close(() => server.close(() => resolve()));
      });
      return closing;
    },
  };
}
