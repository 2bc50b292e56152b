// The seed field of the Scenario panel: a seed the engine would refuse is caught as the user types, with a reason.
/** Why a seed cannot be used, or undefined (empty: the scenario's own). The engine refuses the same seeds. */
export function seedProblem(seed: string): string | undefined {
  const text = seed.trim();
  if (text === '') return undefined;
  if (!/^\d+$/.test(text)) return `The seed must be a whole number of 0 or more, not "${text}".`;
  if (!Number.isSafeInteger(Number(text))) return `The seed must be at most ${Number.MAX_SAFE_INTEGER}.`;
  return undefined;
}
