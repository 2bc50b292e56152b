// A 3-node NATS cluster with JetStream and the MQTT listener on loopback, for the fleet's cross-node test: each
// node has its own config file in a temp dir (server_name, jetstream store_dir, mqtt port, cluster name/port/
// routes to the others) and free ports. start() returns once every node sees both routes, reports JetStream
// healthy and accepts TCP on its MQTT port; stop() terminates every node and waits for it (killAll as a fallback).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../connectors/test-support/mosquitto';

const NATS_SERVER = process.env.TWINBENCH_NATS_SERVER ?? '/usr/sbin/nats-server';

export interface NatsNode {
  name: string;
  mqttUrl: string;
  process: ChildProcess;
}

export interface NatsCluster {
  nodes: NatsNode[];
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
export function killAllNats(): void {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  running.clear();
}
process.once('exit', killAllNats);

export async function startNatsCluster(size = 3, timeoutMs = 30_000): Promise<NatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'twinbench-nats-'));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), cluster: await freePort(), mqtt: await freePort(), http: await freePort() })));
  let output = '';
  const nodes: NatsNode[] = ports.map((p, i) => {
    const name = `tb-n${i + 1}`;
    const routes = ports.filter((_, j) => j !== i).map((o) => `    nats-route://127.0.0.1:${o.cluster}`).join('\n');
    const config = join(dir, `${name}.conf`);
    writeFileSync(config, [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${p.client}`,
      `http: 127.0.0.1:${p.http}`,
      `jetstream { store_dir: "${join(dir, name)}" }`,
      `mqtt { listen: 127.0.0.1:${p.mqtt} }`,
      `cluster {\n  name: twinbench\n  listen: 127.0.0.1:${p.cluster}\n  routes: [\n${routes}\n  ]\n}`,
      '',
    ].join('\n'));
    const proc = spawn(NATS_SERVER, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(proc);
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    return { name, mqttUrl: `mqtt://127.0.0.1:${p.mqtt}`, process: proc };
  });
  const cluster: NatsCluster = {
    nodes,
    log: () => output,
    async stop() {
      await Promise.all(nodes.map(({ process: p }) => {
        if (p.exitCode !== null || p.signalCode !== null) return running.delete(p);
        const exited = new Promise((resolve) => p.once('exit', resolve));
        p.kill('SIGTERM');
        const force = setTimeout(() => p.kill('SIGKILL'), 5_000);
        return exited.then(() => (clearTimeout(force), running.delete(p)));
      }));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const deadline = Date.now() + timeoutMs;
    for (const [i, p] of ports.entries()) {
      for (;;) {
        if (nodes[i]!.process.exitCode !== null) throw new Error(`nats-server ${nodes[i]!.name} exited: ${output.slice(-2000)}`);
        if ((await formed(p.http, size - 1)) && (await listening(p.mqtt))) break;
        if (Date.now() > deadline) throw new Error(`NATS cluster did not form within ${timeoutMs} ms: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

/** Both routes up and JetStream healthy (its meta leader elected), per the node's monitoring endpoint. */
async function formed(httpPort: number, routes: number): Promise<boolean> {
  try {
    const routez = (await (await fetch(`http://127.0.0.1:${httpPort}/routez`)).json()) as { num_routes?: number };
    if ((routez.num_routes ?? 0) < routes) return false;
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    if (!health.ok) return false;
    const jsz = (await (await fetch(`http://127.0.0.1:${httpPort}/jsz`)).json()) as { meta_cluster?: { leader?: string } };
    return typeof jsz.meta_cluster?.leader === 'string' && jsz.meta_cluster.leader !== '';
  } catch {
    return false;
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
