// Vehicle Identification Numbers (ISO 3779 structure: WMI, VDS, VIS) with the position-9 check digit that
// GB 16735 (China) and 49 CFR 565 (North America) require. Twins get their VINs from a seeded RandomStream,
// so a scenario's fleet is the same on every run, and the VIN is the cross-ecosystem vehicle identifier the
// seed asks for (§5(5)).
import type { RandomStream } from '../kernel/types';

/** Characters allowed in a VIN: digits and letters except I, O, Q (too easily read as 1 and 0). */
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

// Transliteration of letters to values and the positional weights of the check-digit algorithm.
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5,
  P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

// Model-year codes repeat every 30 years: A = 1980/2010 … Y = 2000/2030, then 1–9 = 2001–2009/2031–2039.
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

const VIN_PATTERN = /^[0-9A-HJ-NPR-Z]{17}$/;

function charValue(char: string): number {
  return /[0-9]/.test(char) ? Number(char) : (LETTER_VALUES[char] ?? Number.NaN);
}

/** The check digit ('0'–'9' or 'X') for a 17-character VIN; position 9's current value is ignored. */
export function vinCheckDigit(vin: string): string {
  if (vin.length !== 17) throw new Error(`A VIN has 17 characters, "${vin}" has ${vin.length}.`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charValue(vin.charAt(i).toUpperCase()) * (WEIGHTS[i] ?? 0);
  if (Number.isNaN(sum)) throw new Error(`"${vin}" contains a character not allowed in a VIN (I, O, Q or non-alphanumeric).`);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** True when `vin` is 17 allowed characters and its position-9 check digit is right. */
export function isValidVin(vin: string): boolean {
  return VIN_PATTERN.test(vin) && vin.charAt(8) === vinCheckDigit(vin);
}

/** The position-10 model-year code for a year from 1980 to 2039. */
export function modelYearCode(year: number): string {
  if (!Number.isInteger(year) || year < 1980 || year > 2039) throw new Error(`Model year ${year} has no VIN code (1980–2039).`);
  return YEAR_CODES.charAt((year - 1980) % 30);
}

export interface VinOptions {
  /** World manufacturer identifier (3 characters). Default: 'L' (China) plus two drawn characters. */
  wmi?: string;
  modelYear?: number;
  /** Plant code (position 11). Default: drawn. */
  plant?: string;
}

/** A valid VIN drawn from `stream`: same stream state ⇒ same VIN. */
export function generateVin(stream: RandomStream, options: VinOptions = {}): string {
  const letters = VIN_ALPHABET.slice(10).split('');
  const alphanumerics = VIN_ALPHABET.split('');
  const draw = (count: number, from: readonly string[]): string => Array.from({ length: count }, () => stream.pick(from)).join('');
  const wmi = (options.wmi ?? `L${draw(2, letters)}`).toUpperCase();
  if (!/^[0-9A-HJ-NPR-Z]{3}$/.test(wmi)) throw new Error(`WMI "${wmi}" must be 3 VIN characters (no I, O, Q).`);
  const vds = draw(5, alphanumerics);
  const year = modelYearCode(options.modelYear ?? 2026);
  const plant = options.plant ?? draw(1, alphanumerics);
  // Serial: six digits, as volume manufacturers use in positions 12–17.
  const serial = Array.from({ length: 6 }, () => String(stream.int(0, 9))).join('');
  const withoutCheck = `${wmi}${vds}0${year}${plant}${serial}`;
  return `${withoutCheck.slice(0, 8)}${vinCheckDigit(withoutCheck)}${withoutCheck.slice(9)}`;
}
