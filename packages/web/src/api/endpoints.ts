// The typed client, one file per area (endpoints/); the mobility and portal objects gather their parts.

import { meReportsApi, mobilityCoreApi } from './endpoints/mobility';
import { obligationsApi } from './endpoints/obligations';
import { meInboxApi, standingApi } from './endpoints/standing';

export { disposalApi } from './endpoints/disposals';
export { duesApi, meDuesApi } from './endpoints/dues';
export { meMeetingsApi } from './endpoints/me-meetings';
export { meetingsApi } from './endpoints/meetings';
export {
  type LedgerPrint,
  type LedgerPrintQuery,
  type LedgerPrintRow,
  printApi,
  publicApi,
} from './endpoints/mobility';
export type { ObligationQuery } from './endpoints/obligations';
export * from './endpoints/platform';
export * from './endpoints/registry';
export { staffInboxApi } from './endpoints/standing';

export const mobilityApi = { ...mobilityCoreApi, ...obligationsApi, ...standingApi };
/** The member's own side, from the phone portal. */
export const meApi = { ...meReportsApi, ...meInboxApi };
