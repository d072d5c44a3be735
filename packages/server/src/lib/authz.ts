import { canContain, type OrgType, orgTypes, type Role, roles } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/engine.js';
import { AppError } from './errors.js';

export type { Role };

export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** null only for the bootstrap administrator, whose scope is the whole system. */
  orgId: string | null;
  orgPath: string | null;
  memberId: string | null;
  sessionId: string;
}

export const actions = [
  'org.read',
  'org.write',
  'member.read',
  'member.write',
  'member.reveal',
  'member.export',
  'member.import',
  'stats.read',
  'user.manage',
  'audit.read',
  'policy.read',
  'policy.write',
  'dues.quote',
  'obligations.refresh',
  // Approving 停止党籍/自行脱党/恢复党籍 (RULES.md §2: the committee approves); scope: a committee above.
  'standingCase.decide',
  // Organizational life (RULES.md §4): recording meetings, attendance, sign-in and attachments.
  'meeting.write',
  // 请假 is approved by the secretary, whose account is a manager of the branch.
  'meeting.approveLeave',
  // Exemptions from organizational life: the upper organization approves (RULES.md §4).
  'meeting.exempt',
  // The disposal queue (RULES.md §6): reading it, and recording its steps, candidates and dismissals.
  'disposal.read',
  'disposal.write',
  // Party dues (RULES.md §1): reading the ledgers; assessing, recording payments and running the month;
  // deciding reductions/exemptions (the branch) and approving them (the committee above, by scope).
  'dues.read',
  'dues.write',
  'dues.relief',
] as const;
export type Action = (typeof actions)[number];

/** The one table of who may do what (API.md roles). Scope is checked separately, by organization. */
const grants: Record<Role, readonly Action[]> = {
  admin: actions,
  // The recompute covers every organization and sends reminders to everyone: the system administrator's.
  manager: actions.filter((a) => a !== 'audit.read' && a !== 'obligations.refresh'),
  clerk: [
    'org.read',
    'member.read',
    'member.write',
    'member.import',
    'stats.read',
    'policy.read',
    'dues.quote',
    'meeting.write',
    'disposal.read',
    'dues.read',
    'dues.write',
  ],
  auditor: [
    'org.read',
    'member.read',
    'stats.read',
    'audit.read',
    'policy.read',
    'dues.quote',
    'disposal.read',
    'dues.read',
  ],
  member: ['dues.quote'],
};

/** Roles a user may hand out: never above their own. */
const grantableRoles: Record<Role, readonly Role[]> = {
  admin: roles,
  manager: ['manager', 'clerk', 'auditor', 'member'],
  clerk: [],
  auditor: [],
  member: [],
};

export function can(actor: Actor, action: Action): boolean {
  return grants[actor.role].includes(action);
}

/** A member account has no staff scope at all: what it may not do lies outside it, hence 404. */
export function authorize(actor: Actor, action: Action): void {
  if (can(actor, action)) return;
  throw new AppError(actor.role === 'member' ? 'NOT_FOUND' : 'FORBIDDEN');
}

export function canGrant(actor: Actor, role: Role): boolean {
  return grantableRoles[actor.role].includes(role);
}

/**
 * Who sees what across organizations (ARCHITECTURE.md §3, API.md "Scope"):
 * - A staff account sees and changes its own organization's subtree: the organizations whose ltree path
 *   lies under its own, the members whose `org_id` is one of them, and every record owned by either.
 * - A member account sees only itself (its own member row, outflows, letters, inbox), never a list.
 * - The system administrator (no organization) sees everything. Any other account whose scope is unknown
 *   (no organization, or an organization that is gone) sees nothing: the scope fails closed.
 * - A host organization and an inflow member (流入党员, 篇九「流入地党组织」). The host is the inflow
 *   organization of an episode (named at departure, or set by 流入登记 with the certificate's code) or
 *   the host of an `inflow_members` row. Under its subtree it sees:
 *   - the inflow records it registered, open or ended (GET /api/inflows: name, origin, masked contact);
 *   - the episodes that flowed into it, for as long as they exist (the outflow, its line in the ledger,
 *     the print view and export, as side `host`; the certificate PDF with its record page);
 *   - in the member's 一人一台账, those episodes and only the records dated within them, from the arrival
 *     (else the departure) to the return or today: contacts, organizational life, thought reports of
 *     those months, reviews of those years; the obligations only while a hosted stay is open
 *     (mobility/service/ledger.ts `withinHostedStays`).
 *   It does not see the member's registry row (GET /api/members/:id is 404), nor the member's other
 *   episodes or records, and it writes nothing about the member: outflow changes, certificates,
 *   contacts, organizational life, reviews and report acknowledgements load the member in the writer's
 *   own subtree, so only the origin records them (the paper 活动证's second page is where the host notes
 *   what the holder did there). The origin organization sees all of its member, hosted or not.
 */
function wholeSystem(actor: Actor): boolean {
  return actor.orgPath === null && actor.orgId === null && actor.role === 'admin';
}

/**
 * The one scope builder: an ltree condition on an organization path column. Every query over
 * organization-owned data composes it (or `memberSubtree` for member rows); nothing else writes `<@`.
 */
export function subtree(actor: Actor, pathColumn: SQL): SQL {
  if (actor.role === 'member') return sql`false`;
  if (actor.orgPath === null) return wholeSystem(actor) ? sql`true` : sql`false`;
  return sql`${pathColumn} <@ ${actor.orgPath}::ltree`;
}

/** Rows that carry only an org_id: the organizations of the actor's subtree. */
export function memberSubtree(actor: Actor, orgIdColumn: SQL): SQL {
  if (actor.role === 'member') return sql`false`;
  if (actor.orgPath === null) return wholeSystem(actor) ? sql`true` : sql`false`;
  return sql`${orgIdColumn} in (select id from orgs where path <@ ${actor.orgPath}::ltree)`;
}

/**
 * Tree relations that are not the caller's scope (the organizations above one, a member's committee, the
 * region an organization inherits): the same ltree operator, in this one file with the scope builders.
 */
export function isWithin(path: SQL, ancestorPath: SQL): SQL {
  return sql`${path} <@ ${ancestorPath}`;
}

/**
 * A list narrowed to one organization the actor already may see (from `resolveScopeOrg`): its subtree.
 * `null` (no organization named, the system administrator) falls back to the actor's own scope.
 */
export function underOrg(actor: Actor, org: { path: string } | null, pathColumn: SQL): SQL {
  if (org) return sql`${pathColumn} <@ ${org.path}::ltree`;
  return subtree(actor, pathColumn);
}

/** The same for rows that carry only an org_id. */
export function underOrgId(actor: Actor, org: { path: string } | null, orgIdColumn: SQL): SQL {
  if (org) return sql`${orgIdColumn} in (select id from orgs where path <@ ${org.path}::ltree)`;
  return memberSubtree(actor, orgIdColumn);
}

export interface ScopedOrg {
  id: string;
  path: string;
  name: string;
  type: string;
  regionCode: string | null;
  parentId: string | null;
  dissolvedAt: string | null;
}

/** Loads an organization the actor may see; anything else is 404, never 403 (ARCHITECTURE.md §3). */
export async function loadOrgInScope(
  database: Database,
  actor: Actor,
  orgId: string,
  ex?: Executor,
): Promise<ScopedOrg> {
  if (!isUuid(orgId) || actor.role === 'member') throw new AppError('ORG_NOT_FOUND');
  const rows = await database.rows<ScopedOrg>(
    sql`select id, path::text as path, name, type, region_code as "regionCode", parent_id as "parentId",
          dissolved_at as "dissolvedAt"
        from orgs where id = ${orgId} and ${subtree(actor, sql`path`)}`,
    ex,
  );
  const org = rows[0];
  if (!org) throw new AppError('ORG_NOT_FOUND');
  return org;
}

/**
 * Strictly beneath the actor's own organization. An organization is set up (and so moved, merged or
 * dissolved) with the approval of the organization above it (党章第三十条「经上级党组织批准」), and doing
 * it to one's own organization would rewrite the account's own scope: the superior's act. The system
 * administrator (no organization) may act anywhere.
 */
export function belowOwnOrg(actor: Actor, path: string): boolean {
  if (actor.orgPath === null) return true;
  return path.startsWith(`${actor.orgPath}.`);
}

export const OWN_ORG_REFUSED = '不能移动、合并或撤销本账号所属的组织，请由上级组织办理';

export interface OrgAbilities {
  edit: boolean;
  createChild: boolean;
  move: boolean;
  merge: boolean;
  dissolve: boolean;
  managePosts: boolean;
  promote: boolean;
}

/**
 * What the actor may do to an organization in scope now; the write routes enforce the same rules, so
 * the console offers exactly what will be accepted.
 */
export function orgAbilities(
  actor: Actor,
  org: { path: string; type: OrgType; dissolved: boolean; childCount: number },
): OrgAbilities {
  const write = can(actor, 'org.write') && !org.dissolved;
  const below = write && belowOwnOrg(actor, org.path);
  // 篇七: the promoted group becomes a branch beside its former branch, under the branch's parent.
  const labels = org.path.split('.');
  const grandparent = labels.slice(0, -2).join('.');
  const promote =
    write &&
    org.type === 'group' &&
    labels.length >= 3 &&
    (actor.orgPath === null || grandparent === actor.orgPath || belowOwnOrg(actor, grandparent));
  return {
    edit: write,
    createChild: write && orgTypes.some((t) => canContain(org.type, t)),
    move: below,
    merge: below,
    // Members are reassigned on dissolving, children are not: those go first (ORG_HAS_CHILDREN).
    dissolve: below && org.childCount === 0,
    managePosts: write,
    promote,
  };
}

/** The organization a list defaults to: the one named, else the actor's own (null = everything). */
export async function resolveScopeOrg(database: Database, actor: Actor, orgId: string | undefined) {
  if (orgId) return loadOrgInScope(database, actor, orgId);
  if (actor.orgId) return loadOrgInScope(database, actor, actor.orgId);
  return null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/** ltree labels may not contain '-' on PostgreSQL 15, so a uuid becomes its hex digits. */
export function pathLabel(id: string): string {
  return id.replaceAll('-', '');
}
