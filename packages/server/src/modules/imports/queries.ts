import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam, execRows } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, memberSubtree, type ScopedOrg, underOrg } from '../../lib/authz.js';
import type { ImportJobRow } from './presenter.js';

/** Import jobs of organizations in the actor's scope, newest first. */
export function importJobRows(ctx: AppContext, actor: Actor, where: SQL, limit: number) {
  return ctx.database.rows<ImportJobRow>(sql`
    select j.id, j.org_id as "orgId", j.status, j.phase, j.file_name as "fileName", j.total, j.processed,
      j.created, j.updated, j.errors, j.message
    from import_jobs j join orgs o on o.id = j.org_id
    where ${where} and ${memberSubtree(actor, sql`j.org_id`)}
    order by j.created_at desc limit ${limit}`);
}

/** Members registered under these ID hashes, locked for the transaction: `inside` when under `org`. */
export function lockMembersByHash(tx: Executor, actor: Actor, org: ScopedOrg, hashes: string[]) {
  return execRows<{ hash: string; inside: boolean }>(
    tx,
    sql`select m.id_number_hash as hash, (${underOrg(actor, org, sql`o.path`)}) as inside
      from members m join orgs o on o.id = m.org_id
      where m.id_number_hash = any(${arrayParam(hashes, 'text')})
      for update of m`,
  );
}
