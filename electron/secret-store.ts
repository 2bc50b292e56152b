// The desktop app's secrets (broker passwords, private keys), encrypted with the OS keychain through Electron's
// safeStorage and kept in one JSON file under the app's userData folder: the file holds only ciphertext, and a
// secret is refused — never written in plain text — when no keychain is available. Only the main process reads
// secrets back (to hand them to the engine's connectors); the page can store and check, not read.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SECRET_KINDS, type SecretKind, type SecretRef, type SecretStatus } from '../protocol/settings';

/** The slice of Electron's safeStorage used here (so this file runs in tests without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring was found and Chromium falls back to a fixed, public key. */
  getSelectedStorageBackend?(): string;
}

export const SECRETS_FILE = 'secrets.json';

interface SecretsFile {
  version: 1;
  /** `kind:name` → base64 of safeStorage ciphertext. */
  secrets: Record<string, string>;
}

export class SecretStoreError extends Error {}

export class SecretStore {
  readonly file: string;

  constructor(userDataDir: string, private readonly safeStorage: SafeStorageLike) {
    this.file = path.join(userDataDir, SECRETS_FILE);
  }

  /** Why secrets cannot be stored on this machine, or undefined when they can. */
  unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return 'the OS keychain is not available to Twinbench (safeStorage.isEncryptionAvailable() is false)';
    }
    if (this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no OS keyring was found (safeStorage backend "basic_text" encrypts with a publicly known key)';
    }
    return undefined;
  }

  set(ref: SecretRef, value: string): SecretStatus {
    checkRef(ref);
    if (typeof value !== 'string' || value === '') throw new SecretStoreError(`the ${ref.kind} for "${ref.name}" is empty; nothing stored`);
    const reason = this.unavailableReason();
    if (reason !== undefined) {
      throw new SecretStoreError(
        `Twinbench will not store the ${ref.kind} for "${ref.name}": ${reason}, and secrets are never written in plain text. ` +
        'On Linux, install and unlock a Secret Service keyring (GNOME Keyring or KWallet) and restart the app; ' +
        'or pass the secret to `twinbench run` through an environment variable instead.',
      );
    }
    const data = this.read();
    data.secrets[keyOf(ref)] = this.safeStorage.encryptString(value).toString('base64');
    this.write(data);
    return { ...pick(ref), stored: true };
  }

  has(ref: SecretRef): SecretStatus {
    checkRef(ref);
    return { ...pick(ref), stored: keyOf(ref) in this.read().secrets };
  }

  delete(ref: SecretRef): SecretStatus {
    checkRef(ref);
    const data = this.read();
    if (keyOf(ref) in data.secrets) {
      delete data.secrets[keyOf(ref)];
      this.write(data);
    }
    return { ...pick(ref), stored: false };
  }

  /** Main process only (the engine's connectors): the decrypted secret, or undefined when none is stored. */
  reveal(ref: SecretRef): string | undefined {
    checkRef(ref);
    const encrypted = this.read().secrets[keyOf(ref)];
    return encrypted === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
  }

  private read(): SecretsFile {
    if (!existsSync(this.file)) return { version: 1, secrets: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as SecretsFile;
      if (parsed?.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) throw new Error('not a version 1 secrets file');
      return { version: 1, secrets: { ...parsed.secrets } };
    } catch (err) {
      throw new SecretStoreError(`${this.file} cannot be read (${(err as Error).message}); move it away and store the secrets again`);
    }
  }

  /** Written beside and renamed over, so a crash never leaves half a file; readable by the user only. */
  private write(data: SecretsFile): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }
}

const keyOf = (ref: SecretRef): string => `${ref.kind}:${ref.name}`;
const pick = (ref: SecretRef): SecretRef => ({ kind: ref.kind, name: ref.name });

/** Requests come from the page: check their shape here rather than trust the types. */
function checkRef(ref: SecretRef): void {
  if (ref === null || typeof ref !== 'object' || !SECRET_KINDS.includes(ref.kind as SecretKind)) {
    throw new SecretStoreError(`a secret is one of ${SECRET_KINDS.join(', ')}, with a name`);
  }
  if (typeof ref.name !== 'string' || !/^[\w.@-]{1,128}$/.test(ref.name)) {
    throw new SecretStoreError(`secret name ${JSON.stringify(ref.name)} must be 1–128 letters, digits, '.', '_', '-' or '@'`);
  }
}
