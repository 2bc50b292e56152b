// The desktop app's settings contract for secrets (broker passwords, private keys): the page may store a secret
// and ask whether one is stored, never read one back. The main process keeps them encrypted with the OS keychain
// (Electron safeStorage); the engine side reads them there. Types and channel constants only.

/** What a secret is for; with a name (the broker's or key's id) it identifies one secret. */
export type SecretKind = 'broker-password' | 'private-key';
export const SECRET_KINDS: readonly SecretKind[] = ['broker-password', 'private-key'];

export interface SecretRef {
  kind: SecretKind;
  /** The broker or key it belongs to, e.g. `home-cloud-broker`. */
  name: string;
}

/** The answer to every settings command: whether the secret is stored — never its value. */
export interface SecretStatus extends SecretRef {
  stored: boolean;
}

export interface SettingsCommands {
  setSecret: { request: SecretRef & { value: string }; response: SecretStatus };
  hasSecret: { request: SecretRef; response: SecretStatus };
  deleteSecret: { request: SecretRef; response: SecretStatus };
}

export type SettingsCommandName = keyof SettingsCommands;

export const SETTINGS_CHANNELS = {
  setSecret: 'twinbench:settings:setSecret',
  hasSecret: 'twinbench:settings:hasSecret',
  deleteSecret: 'twinbench:settings:deleteSecret',
} as const satisfies Record<SettingsCommandName, string>;

/** Name of the object the Electron preload puts on `window` for settings (absent in browser mode). */
export const SETTINGS_GLOBAL = 'twinbenchSettings';

/** What the page calls: `window.twinbenchSettings.setSecret({ kind: 'broker-password', name, value })`. */
export type SettingsApi = {
  [C in SettingsCommandName]: (request: SettingsCommands[C]['request']) => Promise<SettingsCommands[C]['response']>;
};
