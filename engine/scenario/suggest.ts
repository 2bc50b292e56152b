// "Did you mean …?" for names a scenario misspells. Distances are the optimal-string-alignment variant of
// Damerau–Levenshtein (a swapped pair of letters counts once: `lcok` → `lock`), compared case-insensitively.
// Names are short; a hostile 10 kB one is not compared at all, so the checker stays linear in the file.

const MAX_COMPARED_LENGTH = 120;

/** Edit distance between a and b, or Infinity once it exceeds `limit` (rows are abandoned early). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return Infinity;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The known names nearest to `name` (at most `count`, all at the smallest distance found): within a third of the
 * name's length in edits (at least 2), so `lock.unlockd` finds `lock.unlocked` but `x` does not find everything.
 */
export function nearestNames(name: string, known: readonly string[], count = 3): string[] {
  if (name.length === 0 || name.length > MAX_COMPARED_LENGTH) return [];
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(known)) {
    const distance = editDistance(wanted, candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0));
  // Only the nearest: `lock.unlockd` suggests lock.unlocked, not also lock.locked one edit further.
  const best = scored[0]?.distance;
  if (best !== undefined) return scored.filter((entry) => entry.distance === best).slice(0, count).map((entry) => entry.candidate);
  // A name cut short (`battery.context.soc`) is far in edits from the one it begins (`…socPercent`).
  return [...new Set(known)].filter((candidate) => candidate.toLowerCase().startsWith(wanted)).sort().slice(0, count);
}

/** `did you mean "lock.unlocked"?`, or a short list of what is known when nothing is near. */
export function suggestion(name: string, known: readonly string[], noun: string): string {
  const near = nearestNames(name, known);
  if (near.length > 0) return `did you mean ${near.map((candidate) => `"${candidate}"`).join(' or ')}?`;
  if (known.length === 0) return `no ${noun} is known here`;
  const shown = known.slice(0, 8).join(', ');
  return `known ${noun}s: ${shown}${known.length > 8 ? `, … (${known.length} in all)` : ''}`;
}
