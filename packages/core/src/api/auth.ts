import { z } from 'zod';
import { listOf, timestampString } from './common.js';

/** The roles of an account (API.md "Roles"); what each may do is the server's grants table (lib/authz.ts). */
export const roles = ['admin', 'manager', 'clerk', 'auditor', 'member'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** The signed-in account: who it is, where it sits and which named actions it may perform. */
export const meSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: roleSchema,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  memberId: z.string().nullable(),
  permissions: z.array(z.string()),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: timestampString,
  lastSeenAt: timestampString,
  expiresAt: timestampString,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionListSchema = listOf(sessionSchema);
