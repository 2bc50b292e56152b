// The desktop app's broker passwords reach the engine's broker connection from the secret store, and only from it:
// the page stores a password under the broker's host name (Settings: kind `broker-password`, name `broker.lan`);
// when a scenario connects to `mqtt://alice@broker.lan:1883`, the engine asks this resolver, which decrypts it in
// the main process. The page never sees it again, and it is in no scenario file, URL, error or event.
import type { BrokerIdentity, BrokerPasswordResolver } from '../engine/server/live-connectors';
import { SecretStoreError, type SecretStore } from './secret-store';

/**
 * The secret name a broker's password is stored under: its host name (`broker.lan`, `127.0.0.1`); an IPv6 literal
 * without brackets and with `-` for `:` (secret names allow letters, digits, `.`, `_`, `-`, `@`): `fd00--1`.
 */
export function brokerSecretName(broker: Pick<BrokerIdentity, 'host'>): string {
  return broker.host.replace(/^\[|\]$/g, '').replaceAll(':', '-');
}

export function brokerPasswordFromStore(store: Pick<SecretStore, 'reveal'>): BrokerPasswordResolver {
  return (broker) => {
    try {
      return store.reveal({ kind: 'broker-password', name: brokerSecretName(broker) });
    } catch (err) {
      throw new SecretStoreError(`the stored password for broker ${broker.url} cannot be read: ${(err as Error).message}`);
    }
  };
}
