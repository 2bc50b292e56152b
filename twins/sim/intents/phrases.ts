// The intents the voice grammar knows and the shape of a language's phrase table (twins/sim/intents/grammar.ts).
// Intent names read `<target>.<action>`: home devices (light, ac, curtains, window, purifier, vacuum, camera, alarm, door),
// the car as the home asks about it (car.status.*) or commands it (car.*), and the leaving-home hand-over.

export const INTENT_NAMES = [
  'light.on', 'light.off', 'ac.on', 'ac.off', 'ac.set', 'curtains.open', 'curtains.close', 'window.close',
  'purifier.on', 'purifier.off', 'vacuum.start', 'vacuum.stop', 'camera.show', 'alarm.arm_away', 'alarm.arm_home', 'alarm.disarm', 'door.lock', 'door.unlock',
  'car.status.lock', 'car.status.windows', 'car.status.charging', 'car.status.range', 'car.status.tyres', 'car.status.location',
  'car.status.eta', 'car.lock', 'car.unlock', 'car.start', 'car.precondition', 'leaving_home',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

export type Language = 'en' | 'zh';

/** Words a slot accepts, each with the value it stands for. */
export type SlotWords<T extends string> = Readonly<Record<string, T>>;

export interface PhraseTable {
  /** Words separated by spaces (English) or not (Chinese): a space in a template is then `\s+` or nothing. */
  spaced: boolean;
  /** Applied in order after normalising: spelling variants and fillers, so templates stay few. */
  rewrites: readonly (readonly [RegExp, string])[];
  rooms: SlotWords<'living_room' | 'bedroom' | 'hallway' | 'all'>;
  modes: SlotWords<'cool' | 'heat' | 'auto' | 'fan_only'>;
  /**
   * Templates per intent: regular expressions matched against the whole normalised utterance, with the macros
   * `{the}` (an optional article), `{room}` (an optional room word, with its separator), `{temp}` and `{mode}`.
   */
  intents: Readonly<Record<IntentName, readonly string[]>>;
}
