import type { LifeMode } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';

export interface LifeRecordRow {
  id: string;
  heldOn: string;
  mode: LifeMode;
  topic: string | null;
}

/** A member's organizational life, latest first (the member ledger shows the last hundred). */
export function lifeRecordRows(ctx: AppContext, memberId: string) {
  return ctx.database.rows<LifeRecordRow>(sql`select id, held_on::text as "heldOn", mode, topic from life_records
    where member_id = ${memberId} order by held_on desc limit 100`);
}
