// The voice intent grammar shared by the car's assistant and the home's smart speaker (seed §2.2: "turn on all AC",
// "arm security", "is my car charging?", "I'm going to work"). An utterance is normalised, its language told by its
// script, and matched WHOLE against each intent's phrase templates (./phrases-en.ts, ./phrases-zh.ts); slots come
// from the templates' named groups. Anchoring the whole utterance is what keeps near-misses apart: "turn on the
// living room window" contains no light phrase from start to end, so it is not a light — and an utterance no
// template covers is `undefined`, for the caller to report, never a best guess. Pure: no I/O, no simulation.
import { EN_PHRASES } from './phrases-en';
import { ZH_PHRASES } from './phrases-zh';
import type { Language, PhraseTable, SlotWords } from './phrases';

export type { Language } from './phrases';
export { INTENT_NAMES, type IntentName } from './phrases';
import type { IntentName } from './phrases';

/** Rooms as the standard home names them (entity ids start with the room: `light.living_room`); `all` is every room. */
export type Room = 'living_room' | 'bedroom' | 'hallway' | 'all';
export type HvacMode = 'cool' | 'heat' | 'auto' | 'fan_only';

export interface Slots {
  room?: Room;
  temperature?: number;
  mode?: HvacMode;
}

export interface ParsedIntent {
  intent: IntentName;
  slots: Slots;
  language: Language;
  /** The normalised text the templates were matched against. */
  text: string;
}

interface CompiledPhrase {
  intent: IntentName;
  pattern: RegExp;
}

const TABLES: Record<Language, PhraseTable> = { en: EN_PHRASES, zh: ZH_PHRASES };

/** A slot's words as one alternation, longest first so "living room" wins over a shorter word inside it. */
const alternation = (words: SlotWords<string>): string =>
  Object.keys(words).sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

function compile(table: PhraseTable): CompiledPhrase[] {
  const sep = table.spaced ? '\\s+' : '';
  const macros: Record<string, string> = {
    '{the}': table.spaced ? '(?:the\\s+|my\\s+)?' : '',
    '{room}': `(?:(?<room>${alternation(table.rooms)})(?:${sep}|$))?`,
    '{temp}': '(?<temperature>\\d{1,2}(?:\\.\\d)?)',
    '{mode}': `(?<mode>${alternation(table.modes)})`,
  };
  const compiled: CompiledPhrase[] = [];
  for (const [intent, templates] of Object.entries(table.intents) as [IntentName, readonly string[]][]) {
    for (const template of templates) {
      const source = template.replace(/\{the\}|\{room\}|\{temp\}|\{mode\}/g, (m) => macros[m]!).replace(/ /g, table.spaced ? '\\s+' : '');
      compiled.push({ intent, pattern: new RegExp(`^${source}$`, 'u') });
    }
  }
  return compiled;
}

const COMPILED: Record<Language, CompiledPhrase[]> = { en: compile(EN_PHRASES), zh: compile(ZH_PHRASES) };

/** Chinese if the utterance has any Han character, English otherwise. */
export function languageOf(utterance: string): Language {
  return /\p{Script=Han}/u.test(utterance) ? 'zh' : 'en';
}

/** Lower case, no punctuation, one space between words; polite fillers ("please", "请", "帮我") dropped. */
export function normalise(utterance: string, language: Language): string {
  const table = TABLES[language];
  let text = utterance.normalize('NFKC').toLowerCase().replace(/[’`]/g, "'").replace(/[^\p{L}\p{N}'. ]+/gu, ' ').replace(/\.(?!\d)/g, ' ');
  text = text.replace(/\s+/g, ' ').trim();
  if (!table.spaced) text = text.replace(/ /g, '');
  for (const [from, to] of table.rewrites) text = text.replace(from, to).trim();
  return text;
}

/** Every intent with a template covering `utterance` whole: more than one would make the grammar ambiguous. */
export function matchingIntents(utterance: string): IntentName[] {
  const language = languageOf(utterance);
  const text = normalise(utterance, language);
  return [...new Set(COMPILED[language].filter((p) => p.pattern.test(text)).map((p) => p.intent))];
}

/** The intent and slots of `utterance`, or undefined when no phrase of its language covers it whole. */
export function parseUtterance(utterance: string): ParsedIntent | undefined {
  if (typeof utterance !== 'string' || utterance.length > 200) return undefined;
  const language = languageOf(utterance);
  const table = TABLES[language];
  const text = normalise(utterance, language);
  if (text === '') return undefined;
  for (const phrase of COMPILED[language]) {
    const match = phrase.pattern.exec(text);
    if (match === null) continue;
    const groups = match.groups ?? {};
    const slots: Slots = {};
    if (groups.room !== undefined) slots.room = table.rooms[groups.room] as Room;
    if (groups.mode !== undefined) slots.mode = table.modes[groups.mode] as HvacMode;
    if (groups.temperature !== undefined) {
      const celsius = Number(groups.temperature);
      // A setpoint outside what a home AC offers is not understood rather than clamped to something unasked for.
      if (!(celsius >= 16 && celsius <= 30)) return undefined;
      slots.temperature = celsius;
    }
    return { intent: phrase.intent, slots, language, text };
  }
  return undefined;
}
