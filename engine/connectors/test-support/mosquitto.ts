// Real brokers and an independent observer for the connector tests: a Mosquitto (MQTT 5) on a free loopback port
// with a throwaway config, and `mosquitto_sub` printing what actually crossed the wire (topic, retain flag, user
// properties, payload). Every process started here is registered, so a failing test still kills it (killAll).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MOSQUITTO = process.env.TWINBENCH_MOSQUITTO ?? '/usr/sbin/mosquitto';
const started = new Set<ChildProcess>();

/** Kill every broker and observer a test started (afterAll / afterEach). */
export function killAll(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}
process.once('exit', killAll);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Mosquitto {
  port: number;
  url: string;
  /** Kill -9 (a crash, not a shutdown): clients see the connection drop. */
  kill(): Promise<void>;
  /** Start again on the same port (after kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** What mosquitto logged (connections, refusals), for diagnosing a failing test. */
  log(): string;
}

export async function startMosquitto(options: { port?: number; extraConfig?: string; anonymous?: boolean } = {}): Promise<Mosquitto> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous ${options.anonymous ?? true}\npersistence false\nlog_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\n${options.extraConfig ?? ''}\n`);
  let child: ChildProcess | undefined;
  let output = '';
  const launch = async (): Promise<void> => {
    const proc = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(proc);
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child = proc;
    const exitedEarly = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`mosquitto exited (${code}): ${output}`))));
    exitedEarly.catch(() => undefined);
    await Promise.race([waitForPort(port), exitedEarly]);
  };
  const exited = (proc: ChildProcess): Promise<void> =>
    proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once('exit', () => resolve()));
  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async kill() {
      if (child === undefined) return;
      child.kill('SIGKILL');
      await exited(child);
      started.delete(child);
    },
    restart: launch,
    async stop() {
      if (child !== undefined) {
        child.kill('SIGTERM');
        await exited(child);
        started.delete(child);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => output,
  };
}

export interface ObservedMessage {
  topic: string;
  retained: boolean;
  /** MQTT 5 user properties as mosquitto_sub printed them (`key:value`). */
  userProperties: string[];
  payload: string;
}

export interface Observer {
  messages: ObservedMessage[];
  /** Resolves with the first message matching `predicate` (already seen or yet to come). */
  waitFor(predicate: (m: ObservedMessage) => boolean, timeoutMs?: number): Promise<ObservedMessage>;
  stop(): Promise<void>;
}

/** `mosquitto_sub -V <5|311> -F '%t\t%r\t%P\t%p'` on `filters`: an observer that is not our code. */
export async function observe(port: number, filters: string[], protocol: 'mqttv5' | 'mqttv311' = 'mqttv5'): Promise<Observer> {
  const probeTopic = `twinbench-test/probe/${process.pid}-${Math.random().toString(16).slice(2)}`;
  const args = ['-h', '127.0.0.1', '-p', String(port), '-V', protocol, '-q', '1', '-F', '%t\t%r\t%P\t%p'];
  for (const filter of [...filters, probeTopic]) args.push('-t', filter);
  const proc = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(proc);
  const messages: ObservedMessage[] = [];
  const waiters: { predicate: (m: ObservedMessage) => boolean; resolve: (m: ObservedMessage) => void }[] = [];
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const [topic = '', retained = '', props = '', ...rest] = line.split('\t');
      const message = { topic, retained: retained === '1', userProperties: props === '' ? [] : props.split(' '), payload: rest.join('\t') };
      messages.push(message);
      for (const waiter of waiters.slice()) {
        if (waiter.predicate(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // mosquitto_sub has no "subscribed" signal: publish probes until it prints one, then it is surely subscribed.
  const deadline = Date.now() + 5_000;
  while (!messages.some((m) => m.topic === probeTopic)) {
    if (proc.exitCode !== null) throw new Error(`mosquitto_sub exited: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`mosquitto_sub did not subscribe within 5 s: ${stderr}`);
    const pub = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', probeTopic, '-m', 'probe'], { stdio: 'ignore' });
    await new Promise((resolve) => pub.once('exit', resolve));
    await new Promise((r) => setTimeout(r, 50));
  }
  messages.splice(0, messages.length, ...messages.filter((m) => m.topic !== probeTopic));
  return {
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const seen = messages.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`observer: no matching message within ${timeoutMs} ms (saw ${messages.length}: ${messages.slice(-5).map((m) => m.topic).join(', ')})${stderr ? `; stderr: ${stderr}` : ''}`)), timeoutMs);
        waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await new Promise((resolve) => proc.once('exit', resolve));
      }
      started.delete(proc);
    },
  };
}

/** A self-signed certificate for 127.0.0.1 (openssl), for TLS listeners: returns the PEM file paths. */
export function selfSignedCert(): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  readableByMosquitto(dir, [cert, key]);
  return { dir, cert, key };
}

/** A password file for mosquitto with one user (mosquitto_passwd). */
export function passwordFile(user: string, password: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-passwd-'));
  const file = join(dir, 'passwd');
  const r = spawnSync('mosquitto_passwd', ['-b', '-c', file, user, password], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr}`);
  readableByMosquitto(dir, [file]);
  return file;
}

/** Started as root, mosquitto drops to its own user: it must be able to read the test's throwaway files. */
function readableByMosquitto(dir: string, files: string[]): void {
  chmodSync(dir, 0o755);
  for (const file of files) chmodSync(file, 0o644);
}

/** Publishes as a client with no Twinbench code and no credentials: Debian's mosquitto_pub (MQTT v5). */
export function mosquittoPublish(port: number, topic: string, message: string): void {
  const r = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv5', '-t', topic, '-m', message]);
  if (r.status !== 0) throw new Error(`mosquitto_pub failed: ${r.stderr.toString()}`);
}
