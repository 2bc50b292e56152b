// `--matter` and the scenario's `connectors.matter` from the command line: the bridge's port and pairing codes are
// printed, its fabric storage is in the data folder, and a bad passcode or a port in use is one clear error.
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './test-support/cli';

const root = path.resolve(import.meta.dirname, '../..');
const doorbell = readFileSync(path.join(root, 'scenarios/doorbell.yaml'), 'utf8');

describe('twinbench run --matter', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'twinbench-matter-cli-'));
  const previous = process.env.TWINBENCH_DATA_DIR;
  const scenarioWith = (name: string, matter: string): string => {
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, `${doorbell}\nconnectors:\n  matter: ${matter}\n`);
    return file;
  };

  beforeAll(() => {
    process.env.TWINBENCH_DATA_DIR = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TWINBENCH_DATA_DIR;
    else process.env.TWINBENCH_DATA_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints each home bridge’s UDP port, manual pairing code and QR payload; its fabrics live in the data folder', async () => {
    const file = scenarioWith('bridge', '{ port: 0, passcode: 20202021, discriminator: 3840 }');
    const { code, out } = await cli('run', file, '--arch', 'direct', '--no-record', '--speed', 'max');
    expect(out).toMatch(/matter bridge h1: UDP port \d+, manual pairing code 34970112332, QR MT:Y\.K90AFN00KA0648G00/);
    expect(out).toContain('ok    doorbell [direct]');
    expect(code).toBe(0);
    expect(existsSync(path.join(dir, 'matter', 'twinbench-h1'))).toBe(true);
  }, 60_000);

  it('rejects a passcode Matter forbids before anything runs, naming the file, line and column', async () => {
    const file = scenarioWith('bad-passcode', '{ passcode: 12345678 }');
    const { code, err } = await cli('run', file, '--arch', 'direct', '--no-record');
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`${path.basename(file)}:\\d+:\\d+: .*not a valid setup passcode`));
  });

  describe('with the UDP port taken', () => {
    let socket: Socket;
    let port = 0;
    beforeAll(async () => {
      socket = createSocket({ type: 'udp6', ipv6Only: false });
      await new Promise<void>((resolve) => socket.bind(0, '::', resolve));
      port = socket.address().port;
    });
    afterAll(() => socket.close());

    it('says which bridge cannot listen on which port, and exits 1', async () => {
      const file = scenarioWith('port-taken', `{ port: ${port} }`);
      const { code, err } = await cli('run', file, '--arch', 'direct', '--no-record', '--speed', 'max');
      expect(code).toBe(1);
      expect(err).toContain(`matter bridge h1: cannot listen on UDP port ${port}`);
    }, 60_000);
  });
});
