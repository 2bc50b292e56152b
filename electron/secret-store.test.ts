// Secrets are stored only as keychain ciphertext, refused (with the reason and the fix) when no keychain is there,
// and the page's settings API answers whether a secret is stored — never with the secret itself.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_CHANNELS } from '../protocol/settings';
import { SecretStore, type SafeStorageLike } from './secret-store';
import { createSettingsBridge } from './settings-bridge';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const userData = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'twinbench-secrets-'));
  dirs.push(d);
  return d;
};

const keychain = (available = true, backend = 'gnome_libsecret'): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain) => Buffer.from(Buffer.from(plain).map((b) => b ^ 0x33)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x33)).toString(),
});

const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';

describe('SecretStore', () => {
  it('writes only ciphertext, readable by the user only, and reads it back in the main process', () => {
    const store = new SecretStore(userData(), keychain());
    store.set({ kind: 'broker-password', name: 'home-cloud-broker' }, 's3cret!');
    store.set({ kind: 'private-key', name: 'car1-pairing' }, PEM);
    const onDisk = readFileSync(store.file, 'utf8');
    for (const secret of ['s3cret!', 'BEGIN PRIVATE KEY', Buffer.from('s3cret!').toString('base64')]) expect(onDisk).not.toContain(secret);
    if (process.platform !== 'win32') expect(statSync(store.file).mode & 0o077).toBe(0);
    expect(store.reveal({ kind: 'broker-password', name: 'home-cloud-broker' })).toBe('s3cret!');
    expect(store.reveal({ kind: 'private-key', name: 'car1-pairing' })).toBe(PEM);
    expect(store.delete({ kind: 'broker-password', name: 'home-cloud-broker' }).stored).toBe(false);
    expect(store.has({ kind: 'broker-password', name: 'home-cloud-broker' }).stored).toBe(false);
  });

  it('refuses to store without an OS keychain, and says what to do', () => {
    for (const store of [new SecretStore(userData(), keychain(false)), new SecretStore(userData(), keychain(true, 'basic_text'))]) {
      expect(() => store.set({ kind: 'broker-password', name: 'home-cloud-broker' }, 's3cret!'))
        .toThrow(/will not store the broker-password for "home-cloud-broker".*never written in plain text.*keyring/);
      expect(store.has({ kind: 'broker-password', name: 'home-cloud-broker' }).stored).toBe(false);
    }
  });

  it('rejects malformed requests from the page', () => {
    const store = new SecretStore(userData(), keychain());
    expect(() => store.set({ kind: 'api-token', name: 'x' } as never, 'v')).toThrow(/broker-password, private-key/);
    expect(() => store.set({ kind: 'broker-password', name: '../etc' }, 'v')).toThrow(/must be 1–128/);
    expect(() => store.set({ kind: 'broker-password', name: 'b' }, '')).toThrow(/empty/);
  });
});

describe('the preload settings bridge', () => {
  it('uses only the settings channels and returns what main answers, without the value', async () => {
    const calls: [string, unknown][] = [];
    const store = new SecretStore(userData(), keychain());
    const api = createSettingsBridge({
      invoke: async (channel, request) => {
        calls.push([channel, request]);
        const r = request as { kind: 'broker-password'; name: string; value: string };
        return channel === SETTINGS_CHANNELS.setSecret ? store.set(r, r.value) : store.has(r);
      },
      on: () => undefined,
      removeListener: () => undefined,
    });
    const answer = await api.setSecret({ kind: 'broker-password', name: 'b1', value: 'pw-123456' });
    expect(answer).toEqual({ kind: 'broker-password', name: 'b1', stored: true });
    expect(JSON.stringify(await api.hasSecret({ kind: 'broker-password', name: 'b1' }))).not.toContain('pw-123456');
    expect(calls.map(([c]) => c)).toEqual([SETTINGS_CHANNELS.setSecret, SETTINGS_CHANNELS.hasSecret]);
  });
});
