import type { ReviewResult } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';

export interface ReviewRow {
  id: string;
  year: number;
  result: ReviewResult;
  note: string | null;
  reviewedBy: string | null;
}

/** A member's yearly reviews, latest year first. */
export function reviewRows(ctx: AppContext, memberId: string) {
  return ctx.database.rows<ReviewRow>(sql`select id, year, result, note, reviewed_by as "reviewedBy"
    from yearly_reviews where member_id = ${memberId} order by year desc`);
}
