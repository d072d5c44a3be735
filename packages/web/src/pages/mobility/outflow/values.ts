import type { Dayjs } from 'dayjs';
import type { OutflowReason } from '../../../api/types';

/** The 外出登记 form as typed. */
export interface Values {
  memberId: string;
  leftOn: Dayjs;
  expectedMonths: number;
  reason: OutflowReason;
  abroad: boolean;
  destinationRegion?: string;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  relationshipCanMove: boolean;
  contact?: string;
  /** 流入党组织: typed from paper, or one of this system. */
  inflowKind: 'name' | 'system';
  inflowOrgName?: string;
  inflowOrgId?: string;
  expectedReturnOn?: Dayjs | null;
}
