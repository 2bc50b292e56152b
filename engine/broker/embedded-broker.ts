// The embedded MQTT broker: aedes (MQTT 3.1.1) on a node:net server, bound to loopback. It is what the connectors
// talk to when no `--broker` URL is given, so a run can mirror its twins and messages with nothing installed.
// MQTT 5 features (user properties) need an external broker such as Mosquitto; aedes refuses v5 clients, and
// the connectors fall back to 3.1.1 with the trace context inside the payload.
// It takes no anonymous client: each start makes a username and a random password (or takes the ones given), and a
// client without them is refused at CONNECT (return code 4). The CLI prints them so that Home Assistant, or any
// tool of the user's, can join; anyone else on the machine cannot publish on the command topics.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';

export interface EmbeddedBrokerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind. Only loopback is accepted: the embedded broker is for this machine only. */
  host?: '127.0.0.1';
  /** Credentials clients must give; by default `twinbench` and a random password made for this start. */
  username?: string;
  password?: string;
}

export interface EmbeddedBrokerCredentials {
  username: string;
  password: string;
}

export interface EmbeddedBroker {
  url: string;
  port: number;
  /** What a client must send at CONNECT. Secret: show it to the user, never record or report it. */
  credentials: EmbeddedBrokerCredentials;
  close(): Promise<void>;
}

/** 24 random bytes, URL-safe: typed once into Home Assistant's MQTT settings, never guessed. */
export const newBrokerPassword = (): string => randomBytes(24).toString('base64url');

function sameSecret(given: Buffer | undefined, expected: Buffer): boolean {
  return given !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions = {}): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`embedded broker: refusing to listen on ${String(host)}; it binds 127.0.0.1 only`);
  const credentials = { username: options.username ?? 'twinbench', password: options.password ?? newBrokerPassword() };
  const expected = { username: Buffer.from(credentials.username), password: Buffer.from(credentials.password) };
  const aedes = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (sameSecret(username === undefined ? undefined : Buffer.from(username), expected.username) && sameSecret(password, expected.password)) return done(null, true);
      const error = Object.assign(new Error('bad username or password'), { returnCode: 4 }) as AuthenticateError;
      done(error, false);
    },
  });
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
    credentials,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Close the broker first: it disconnects its clients, so the server's close() does not wait on them.
        aedes.close(() => server.close(() => resolve()));
      });
      return closing;
    },
  };
}
