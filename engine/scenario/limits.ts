// Bounds on what a scenario file may ask for. A scenario is input from anyone (a shared file, a `--set` typed
// by hand, a file picked in browser mode), and every number below multiplies memory or time somewhere: the
// YAML parser keeps ~150 bytes per source byte, `count` expands one entry into many twins, steps become
// timers, a duration becomes simulated hours. The limits sit far above every shipped scenario and the
// benchmarks (10,000 homes + 10,000 cars for 24 h) and far below what exhausts a 2-core, 512 MB budget, so a
// hostile file is refused in well under 5 s with a ScenarioError instead of a V8 out-of-memory abort.
export const SCENARIO_LIMITS = {
  /** Size of the file on disk, checked with stat before it is read. */
  fileBytes: 1024 * 1024,
  /** A GeoJSON map the scenario names: read whole and parsed when the run starts. */
  mapFileBytes: 8 * 1024 * 1024,
  /** YAML nodes as written (scalars, maps, lists, aliases), counted by the lexer before the parser runs. */
  yamlNodes: 200_000,
  /** Nesting of maps and lists (block and flow); shipped scenarios nest 6 deep. */
  depth: 64,
  /** Aliases written (`*name`): yaml's alias check compares each alias with every other, so they are few. */
  aliases: 1_000,
  /** yaml's `maxAliasCount`: how much one alias may expand (its own measure, see Document.toJS). */
  aliasCount: 1_000,
  /** Values produced once aliases are expanded; the same budget as the nodes written. */
  expandedNodes: 200_000,
  /**
   * Homes after `count` is expanded, over all entries: checking it is a count (a file of 20,000 homes loads in
   * well under a second); a day of 10,000 homes and 10,000 cars runs in a few GB (README, Benchmarks).
   */
  homes: 20_000,
  /** Vehicles after `count` is expanded, over all entries. */
  vehicles: 20_000,
  users: 5_000,
  /** Calendar entries of one user. */
  calendarEntries: 100,
  devicesPerHome: 200,
  steps: 10_000,
  actionsPerStep: 100,
  /** Expectations and fail conditions, each. */
  expectations: 10_000,
  /** Virtual length of a run: 30 days. */
  durationMs: 30 * 86_400_000,
  /** Generated map: blocks per side (200 × 250 m is a 50 km town), plots, workplaces and chargers. */
  mapBlocks: 200,
  mapPlaces: 5_000,
  /** Transmissions of one message on a link (retransmissions included). */
  linkAttempts: 100,
  /** `--set` overrides in one run, and the length of one value. */
  setOverrides: 100,
  setValueChars: 1_000,
  /** Characters that `${…}` substitution may add to the document, over all scalars. */
  substitutedChars: 1024 * 1024,
  /** Problems listed in one ScenarioError; the rest are counted in a last line. */
  reportedIssues: 200,
} as const;

export type ScenarioLimit = keyof typeof SCENARIO_LIMITS;

/** 1048576 → "1 MiB", 200000 → "200,000": limits as a reader wants them in a message. */
export function formatLimit(value: number, unit?: 'bytes'): string {
  if (unit === 'bytes' && value % (1024 * 1024) === 0) return `${value / (1024 * 1024)} MiB`;
  return value.toLocaleString('en-US');
}
