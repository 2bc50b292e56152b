// What the layout remembers between visits (localStorage): each split's share and whether presenter mode is on.
// Anything stored is read as untrusted — another version of the app, or a user's hand, may have left nonsense —
// and falls back to the default. Storage that is missing or full (private windows) is not an error.
const PREFIX = 'twinbench.layout.';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // access denied (sandboxed frame, disabled storage)
  }
}

/** The remembered share of split `key`, clamped to [min, 1 − min]; `fallback` when none or not a number. */
export function readSplit(key: string, fallback: number, min: number): number {
  const raw = storage()?.getItem(`${PREFIX}split.${key}`);
  const value = raw == null ? NaN : Number(raw);
  return Number.isFinite(value) && value >= min && value <= 1 - min ? value : fallback;
}

export function writeSplit(key: string, share: number): void {
  try {
    storage()?.setItem(`${PREFIX}split.${key}`, share.toFixed(4));
  } catch {
    // full or denied: the layout is simply not remembered
  }
}

export function readFlag(key: string, fallback: boolean): boolean {
  const raw = storage()?.getItem(`${PREFIX}${key}`);
  return raw === 'true' ? true : raw === 'false' ? false : fallback;
}

export function writeFlag(key: string, value: boolean): void {
  try {
    storage()?.setItem(`${PREFIX}${key}`, String(value));
  } catch {
    // as above
  }
}
