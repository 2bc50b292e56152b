import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel';
import type { RandomStream } from '../kernel/types';
import { generateVin, isValidVin, modelYearCode, vinCheckDigit } from './vin';

// A tiny deterministic stream so this test does not depend on the kernel's generator.
function counterStream(): RandomStream {
  let n = 0;
  const next = () => ((n = (n * 16807 + 12345) % 2147483647) / 2147483647);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (mean) => mean,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

describe('VIN', () => {
  it('computes the check digit of known VINs, including the X remainder', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('11111111111111111')).toBe('1');
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
  });

  it('validates length, alphabet and check digit', () => {
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true);
    expect(isValidVin('1M8GDM9A1KP042788')).toBe(false); // wrong check digit
    expect(isValidVin('1M8GDM9AXKP04278')).toBe(false); // 16 characters
    expect(isValidVin('1M8GDM9AXKP0427O8')).toBe(false); // letter O
  });

  it('maps model years to their position-10 codes', () => {
    expect(modelYearCode(2010)).toBe('A');
    expect(modelYearCode(2024)).toBe('R');
    expect(modelYearCode(2026)).toBe('T');
    expect(modelYearCode(2031)).toBe('1');
    expect(() => modelYearCode(1979)).toThrow(/1980–2039/);
  });

  it('generates valid VINs with the requested WMI and year', () => {
    const stream = counterStream();
    for (let i = 0; i < 200; i++) {
      const vin = generateVin(stream, { wmi: 'LRW', modelYear: 2025 });
      expect(isValidVin(vin), vin).toBe(true);
      expect(vin.startsWith('LRW')).toBe(true);
      expect(vin.charAt(9)).toBe('S');
    }
    expect(() => generateVin(stream, { wmi: 'IOQ' })).toThrow(/WMI/);
  });

  it('draws the same VINs from the same seed and different ones from another', () => {
    const fleet = (seed: number) => {
      const stream = createKernel({ seed }).random.stream('vehicles/vin');
      return Array.from({ length: 5 }, () => generateVin(stream));
    };
    expect(fleet(7)).toEqual(fleet(7));
    expect(fleet(7)).not.toEqual(fleet(8));
    expect(fleet(7).every((vin) => isValidVin(vin) && vin.startsWith('L'))).toBe(true);
  });
});
