import { z } from 'zod';
import { idRef, isoDate } from './common.js';
import { memberAgeBands } from './members.js';

/** The member statistics' contract (API.md `/api/stats/*`, 篇七's tables). */

export const statsEducationBuckets = [
  'doctor',
  'master',
  'bachelor',
  'college',
  'secondary',
  'other',
] as const;
/** Where a member is, relative to the queried organization's place: same city, same province, elsewhere. */
export const statsLocations = ['local', 'province', 'outside', 'unknown'] as const;
export const statsStandings = ['normal', 'stopped', 'lostContact'] as const;

const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

export const memberStatsQuery = z.object({ orgId: idRef.optional(), asOf: isoDate.optional() });
export const destinationStatsQuery = z.object({ orgId: idRef.optional() });

export const memberStatsSchema = z.object({
  total: z.number(),
  ageBands: counts(memberAgeBands),
  education: counts(statsEducationBuckets),
  location: counts(statsLocations),
  standing: counts(statsStandings),
  asOf: z.string(),
  orgId: z.string().nullable(),
  regionCode: z.string().nullable(),
});

/** Mobile members by destination province (`provinceCode` null: abroad or not recorded). */
export const destinationStatsSchema = z.object({
  items: z.array(z.object({ provinceCode: z.string().nullable(), count: z.number() })),
});
