// The Matter setup passcode and discriminator rules (Matter Core Specification 5.1.1.6 and 5.1.7.1), apart from
// matter.js so the scenario loader can check them without loading the Matter stack.

/** Passcodes the specification forbids: all one digit, and the two sequences. */
const FORBIDDEN_PASSCODES = new Set([0, 11111111, 22222222, 33333333, 44444444, 55555555, 66666666, 77777777, 88888888, 99999999, 12345678, 87654321]);

export function isValidPasscode(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 99_999_998 && !FORBIDDEN_PASSCODES.has(n);
}

export const PASSCODE_RULE = 'a Matter passcode is 1…99999998, not all one digit, not 12345678 or 87654321';

export function isValidDiscriminator(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 4095;
}
