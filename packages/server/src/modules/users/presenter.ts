import type { UserRow } from './queries.js';

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    orgId: row.orgId,
    orgName: row.orgName,
    memberId: row.memberId,
    disabled: row.disabled,
    locked: row.locked,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export type UserView = ReturnType<typeof presentUser>;
