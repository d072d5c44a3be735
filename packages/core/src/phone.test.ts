import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidPhone, maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['139 0000 0000', '13900000000'],
    ['139-0000-0000', '13900000000'],
    ['+86 139 0000 0000', '13900000000'],
    ['8613900000000', '13900000000'],
    ['0731-8888 8888', '0731-88888888'],
    [' 010 12345678 ', '01012345678'],
  ])('%j → %s', (s, n) => expect(normalizePhone(s)).toBe(n));
});

describe('isValidPhone', () => {
  it.each(['13900000000', '+8619912345678', '0731-88888888', '010-1234567', '02012345678'])(
    'accepts %s',
    (s) => expect(isValidPhone(s)).toBe(true),
  );
  it.each([
    '',
    '12900000000',
    '1390000000',
    '139000000000',
    '731-88888888',
    '0731-888888',
    'abc',
    '+1 1390000000',
  ])('rejects %j', (s) => expect(isValidPhone(s)).toBe(false));
});

describe('maskPhone', () => {
  it.each([
    ['13900000000', '139****0000'],
    ['+86 139 1234 5678', '139****5678'],
    ['0731-88886655', '0731-******55'],
    ['010-1234567', '010-*****67'],
    ['01012345678', '010******78'],
    ['073188886655', '0731******55'],
    ['junk', '****'],
  ])('%j → %s', (s, masked) => expect(maskPhone(s)).toBe(masked));
});

describe('phone properties', () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), digits(9))
    .map(([second, rest]) => `1${second}${rest}`);
  const spelling = fc.tuple(mobile, fc.constantFrom('', '+86', '86', '+86 '), fc.constantFrom('', ' ', '-'));

  it('normalizes any spelling of a mobile number to its 11 digits, valid and masked to 3+4', () => {
    fc.assert(
      fc.property(spelling, ([m, prefix, sep]) => {
        const written = `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
        expect(normalizePhone(written)).toBe(m);
        expect(isValidPhone(written)).toBe(true);
        expect(maskPhone(written)).toBe(`${m.slice(0, 3)}****${m.slice(7)}`);
      }),
    );
  });

  it('hides four digits of a mobile: its mask fits all 10,000 numbers that differ only there', () => {
    fc.assert(
      fc.property(mobile, digits(4), (m, middle) => {
        expect(maskPhone(`${m.slice(0, 3)}${middle}${m.slice(7)}`)).toBe(maskPhone(m));
        expect(maskPhone(m).replace(/\D/g, '')).toHaveLength(7);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizePhone(normalizePhone(s))).toBe(normalizePhone(s));
      }),
    );
  });

  it('never reveals more than the area code and two last digits of a landline', () => {
    const landline = fc.tuple(
      fc.constantFrom('010', '021', '0731', '0898'),
      fc.constantFrom('', '-'),
      digits(8),
    );
    fc.assert(
      fc.property(landline, ([area, dash, local]) => {
        expect(maskPhone(`${area}${dash}${local}`)).toBe(`${area}${dash}******${local.slice(-2)}`);
      }),
    );
  });
});
