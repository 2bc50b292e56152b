// The desktop app's broker password travels from the page, through the keychain-backed secret store, into the
// engine's broker connection — and nowhere else: a password-protected Mosquitto admits the app's run only with it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { dirname } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, passwordFile, startMosquitto } from '../engine/connectors/test-support/mosquitto';
import { EngineHost } from '../engine/server/engine-host';
import { ScenarioCatalogue } from '../engine/server/scenario-catalogue';
import { connectedScenarioDir } from '../engine/server/test-support/connected-scenario';
import { SETTINGS_CHANNELS } from '../protocol/settings';
import { brokerPasswordFromStore, brokerSecretName } from './broker-secret';
import { SecretStore, type SafeStorageLike } from './secret-store';
import { bridgeSettingsToIpc } from './settings-bridge';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(killAll);

const keychain: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(Buffer.from(plain).map((b) => b ^ 0x33)),
  decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x33)).toString(),
};

const PAGE = { senderFrame: { url: 'app://twinbench/index.html' } };

async function app(): Promise<{ engine: EngineHost; store: SecretStore; setSecret(name: string, value: string): unknown; brokerPort: number }> {
  const file = passwordFile('alice', 'correct-horse');
  cleanups.push(() => rmSync(dirname(file), { recursive: true, force: true }));
  const broker = await startMosquitto({ anonymous: false, extraConfig: `password_file ${file}` });
  cleanups.push(() => broker.stop());
  const userData = mkdtempSync(path.join(tmpdir(), 'twinbench-userdata-'));
  cleanups.push(() => rmSync(userData, { recursive: true, force: true }));
  const store = new SecretStore(userData, keychain);
  const handlers = new Map<string, (event: typeof PAGE, request: unknown) => unknown>();
  bridgeSettingsToIpc({ store, ipcMain: { handle: (c, fn) => void handlers.set(c, fn), removeHandler: () => undefined }, isAppPage: (u) => u.startsWith('app://twinbench/') });
  const scenarios = connectedScenarioDir(`broker: mqtt://alice@127.0.0.1:${broker.port}`);
  cleanups.push(() => scenarios.remove());
  const engine = new EngineHost({ catalogue: new ScenarioCatalogue([scenarios.dir]), recordingFile: null, brokerPassword: brokerPasswordFromStore(store) });
  cleanups.push(() => engine.dispose());
  return {
    engine, store, brokerPort: broker.port,
    setSecret: (name, value) => handlers.get(SETTINGS_CHANNELS.setSecret)!(PAGE, { kind: 'broker-password', name, value }),
  };
}

describe('broker password from the secret store', () => {
  it('the password the page stored for the broker’s host connects the app’s run to that broker', async () => {
    const { engine, store, setSecret } = await app();
    expect(setSecret('127.0.0.1', 'correct-horse')).toEqual({ kind: 'broker-password', name: '127.0.0.1', stored: true });
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell-connected.yaml', architecture: 'direct' });
    await engine.session.connected();
    expect(engine.session.status().note).toBeUndefined();
    expect(engine.session.connectors?.stats().broker).toMatchObject({ connected: true });
    // Stored encrypted; never in what the page or a log can see.
    expect(readFileSync(store.file, 'utf8')).not.toContain('correct-horse');
    expect(JSON.stringify(engine.session.connectors?.stats())).not.toContain('correct-horse');
    expect(JSON.stringify(engine.session.status())).not.toContain('correct-horse');
  });

  it('with no password stored, or a wrong one, the run is not connected and says why', async () => {
    const { engine, setSecret } = await app();
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell-connected.yaml', architecture: 'direct' });
    await engine.session.connected();
    expect(engine.session.status().note).toMatch(/not connected: .*(credentials|authori[sz]ed)/);
    setSecret('127.0.0.1', 'wrong-battery');
    await engine.invoke('loadScenario', { file: 'scenarios/doorbell-connected.yaml', architecture: 'direct' });
    await engine.session.connected();
    expect(engine.session.status().note).toContain("refused the credentials of user 'alice'");
    expect(engine.session.status().note).not.toContain('wrong-battery');
  });

  it('a store that cannot be read is a clear error naming the broker, never the secret', () => {
    const broken = { reveal: () => { throw new Error('safeStorage could not decrypt'); } };
    expect(() => brokerPasswordFromStore(broken)({ url: 'mqtt://alice@broker.lan:1883', host: 'broker.lan', username: 'alice' }))
      .toThrow('the stored password for broker mqtt://alice@broker.lan:1883 cannot be read: safeStorage could not decrypt');
    expect(brokerSecretName({ host: '[fd00::1]' })).toBe('fd00--1');
    expect(brokerSecretName({ host: 'broker.lan' })).toBe('broker.lan');
  });
});
