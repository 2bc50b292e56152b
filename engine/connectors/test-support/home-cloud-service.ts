// Starts examples/home-cloud-service/server.mjs as its own process (a real external party, not our code in-process)
// and reads the port it chose from its first line. Killed by stop() or, on a failing test, by killAll().
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../../examples/home-cloud-service/server.mjs', import.meta.url));
const running = new Set<ReturnType<typeof spawn>>();

export function killHomeCloudServices(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
process.once('exit', killHomeCloudServices);

export async function startHomeCloudService(extraArgs: string[] = []): Promise<{ url: string; log(): Promise<{ method: string; path: string; traceparent: string | null; body: unknown; status: number }[]>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [SERVER, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`home cloud service did not start: ${out}`)), 5_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`home cloud service exited (${code}): ${out}`)));
  });
  return {
    url,
    log: async () => ((await (await fetch(`${url}/v1/log`)).json()) as { entries: never[] }).entries,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      running.delete(child);
    },
  };
}
