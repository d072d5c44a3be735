import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, idChecksum, makeIdNumber, maskIdNumber } from './id-number.js';

const TODAY = '2025-06-30';
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const region = fc.integer({ min: 110000, max: 659999 }).map(String);
const gender = fc.constantFrom('male' as const, 'female' as const);

describe('idChecksum (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example
    ['43010419900307001', '5'], // API.md's masked sample 430104********0015
    ['44052418800101001', '4'],
  ])('%s → %s', (first17, check) => expect(idChecksum(first17)).toBe(check));

  it('rejects anything but 17 digits', () => {
    expect(() => idChecksum('1234')).toThrow(expect.objectContaining({ code: 'ID_FORMAT' }));
  });
});

describe('checkIdNumber', () => {
  it('accepts the GB 11643 example and reads birth date, gender and region', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it('trims and upper-cases a trailing x', () => {
    expect(checkIdNumber(' 11010519491231002x ', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('reads an odd 17th digit as male', () => {
    expect(checkIdNumber('430104199003070015', TODAY)).toMatchObject({ ok: true, gender: 'male' });
  });

  it.each(['', '43010419900307001', '4301041990030700155', '43010419900307001Y', '43010X199003070015'])(
    'rejects the format of %j',
    (id) => expect(checkIdNumber(id, TODAY)).toMatchObject({ ok: false, code: 'ID_FORMAT' }),
  );

  it.each([
    ['2021-02-29', 'not a calendar date'],
    ['1899-12-31', 'before 1900'],
    ['2025-07-01', 'after today'],
  ])('rejects birth date %s (%s)', (birth) => {
    const id = `430104${birth.replaceAll('-', '')}001`;
    expect(checkIdNumber(id + idChecksum(id), TODAY)).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  it('rejects a wrong check character with a Chinese message', () => {
    expect(checkIdNumber('430104199003070016', TODAY)).toEqual({
      ok: false,
      code: 'ID_CHECKSUM',
      message: '公民身份号码校验位错误',
    });
  });

  it('accepts every number built by makeIdNumber and reads back its parts', () => {
    fc.assert(
      fc.property(region, isoDate, fc.integer({ min: 0, max: 499 }), gender, (r, birth, seq, g) => {
        expect(checkIdNumber(makeIdNumber(r, birth, seq, g), TODAY)).toMatchObject({
          ok: true,
          birthDate: birth,
          gender: g,
          regionCode: r,
        });
      }),
    );
  });

  it('detects every single-character substitution (MOD 11-2 property)', () => {
    const chars = '0123456789X';
    fc.assert(
      fc.property(
        region,
        isoDate,
        fc.integer({ min: 0, max: 499 }),
        gender,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (r, birth, seq, g, pos, shift) => {
          const id = makeIdNumber(r, birth, seq, g);
          const alphabet = pos === 17 ? chars : chars.slice(0, 10);
          const next = alphabet[(alphabet.indexOf(id[pos]!) + shift) % alphabet.length]!;
          fc.pre(next !== id[pos]);
          expect(checkIdNumber(id.slice(0, pos) + next + id.slice(pos + 1), TODAY).ok).toBe(false);
        },
      ),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps only province and city (API.md: a mask never completes the number)', () => {
    expect(maskIdNumber('430104199003070015')).toBe('4301**************');
  });
  it('leaves at least 500 valid numbers for a caller who knows region, birth date and gender', () => {
    fc.assert(
      fc.property(region, isoDate, fc.integer({ min: 0, max: 499 }), gender, (r, birth, seq, g) => {
        const id = makeIdNumber(r, birth, seq, g);
        const mask = maskIdNumber(id);
        expect(mask).toHaveLength(18);
        // Everything visible: the mask, plus region, birth date and gender from other fields.
        const fits = Array.from({ length: 500 }, (_, s) => makeIdNumber(r, birth, s, g)).filter(
          (c) => maskIdNumber(c) === mask && checkIdNumber(c, TODAY).ok,
        );
        expect(fits).toHaveLength(500);
        expect(fits).toContain(id);
      }),
    );
  });
  it('hides short input entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('makeIdNumber', () => {
  it('encodes gender in the parity of the order code', () => {
    expect(makeIdNumber('430104', '1990-03-07', 0, 'male')).toBe('430104199003070015');
    expect(makeIdNumber('430104', '1990-03-07', 0, 'female').slice(14, 17)).toBe('000');
    expect(makeIdNumber('430104', '1990-03-07', 499, 'male').slice(14, 17)).toBe('999');
  });
  it.each([
    ['43010', '1990-03-07', 0],
    ['430104', '1990-02-30', 0],
    ['430104', '1990-03-07', 500],
    ['430104', '1990-03-07', 1.5],
  ])('rejects %s %s %s', (r, birth, seq) => {
    expect(() => makeIdNumber(r, birth, seq, 'male')).toThrow(RangeError);
  });
});
