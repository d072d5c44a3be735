import { ageOn } from './dates.js';

export type AgeBand = '<=25' | '26-30' | '31-35' | '36-40' | '>=41';
export type Location = 'local' | 'province' | 'outside' | 'unknown';

/** RULES.md §9 (篇七): age bands ≤25, 26–30, 31–35, 36–40, ≥41 in whole years. */
export function ageBand(birthDate: string, asOf: string): AgeBand {
  const age = ageOn(birthDate, asOf);
  if (age <= 25) return '<=25';
  if (age <= 30) return '26-30';
  if (age <= 35) return '31-35';
  if (age <= 40) return '36-40';
  return '>=41';
}

/** API.md stats: GB/T 2260 codes share their first 4 digits within a city, 2 within a province. */
export function locationOf(memberRegion: string | null, orgRegion: string | null): Location {
  if (memberRegion === null || orgRegion === null) return 'unknown';
  if (memberRegion.slice(0, 4) === orgRegion.slice(0, 4)) return 'local';
  if (memberRegion.slice(0, 2) === orgRegion.slice(0, 2)) return 'province';
  return 'outside';
}
