import { z } from 'zod';
import { roleSchema } from './auth.js';
import { idRef, pageOf, pageQuery, timestampString } from './common.js';

/** Where staff reminders are e-mailed when an SMTP server is configured. */
const userEmail = z.email('邮箱格式不正确').max(254, '邮箱过长');

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema,
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  memberId: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: timestampString,
});
export const userPageSchema = pageOf(userSchema);

export const userListQuery = pageQuery.extend({ orgId: idRef.optional() });

export const userCreateBody = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '用户名为 3–64 位字母、数字或 _ . @ -'),
  password: z.string().min(1).max(128),
  orgId: idRef,
  role: roleSchema,
  memberId: idRef.optional(),
  displayName: z.string().max(50).optional(),
  email: userEmail.optional(),
});

/** Unknown keys are dropped, so a body without any known field would change nothing: refused. */
export const userPatchBody = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
    displayName: z.string().max(50).nullable().optional(),
    email: userEmail.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: '请至少提供一项要修改的内容：role、disabled、password、displayName 或 email',
  });
