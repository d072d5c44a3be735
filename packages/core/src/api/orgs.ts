import { z } from 'zod';
import { orgTypes, postKinds } from '../org-shape.js';
import { idParams, idRef, isoDate } from './common.js';

export const orgTypeSchema = z.enum(orgTypes);
export const postKindSchema = z.enum(postKinds);

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');

const orgFields = {
  name: z.string().trim().min(1, '名称不能为空').max(100),
  type: orgTypeSchema,
  regionCode: regionCode.nullable().optional(),
  units: z.number().int().min(1).max(1000).nullable().optional(),
  termStartedOn: isoDate.nullable().optional(),
  termEndsOn: isoDate.nullable().optional(),
};

export const orgCreateBody = z.object({ ...orgFields, parentId: idRef.nullable().optional() });
export const orgPatchBody = z.object(orgFields).partial();
export const orgListQuery = z.object({ q: z.string().max(50).optional() });
export const orgChildrenQuery = z.object({ includeDissolved: z.enum(['true', 'false']).optional() });
export const orgMoveBody = z.object({ parentId: idRef });
export const orgDissolveBody = z.object({ reassignTo: idRef });
export const orgMergeBody = z.object({ intoId: idRef });
export const orgPromoteBody = z.object({ name: z.string().trim().min(1).max(100).optional() });
export const orgPostBody = z.object({
  memberId: idRef,
  kind: postKindSchema,
  startedOn: isoDate,
  endsOn: isoDate.nullable().optional(),
});
export const orgPostParams = idParams.extend({ postId: idRef });

export const orgAbilitiesSchema = z
  .object({
    edit: z.boolean(),
    createChild: z.boolean(),
    move: z.boolean(),
    merge: z.boolean(),
    dissolve: z.boolean(),
    managePosts: z.boolean(),
    promote: z.boolean(),
  })
  .describe('调用者此刻可对该组织执行的操作（服务器按角色与管理范围计算，写操作按同一规则校验）');

export const orgSummarySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  type: orgTypeSchema,
  typeLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  units: z.number().nullable(),
  termStartedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  dissolved: z.boolean(),
  mergedInto: z.string().nullable(),
  childCount: z.number(),
  memberCount: z.number(),
  fullMemberCount: z.number(),
  abilities: orgAbilitiesSchema,
});

export const orgPostSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  kind: postKindSchema,
  startedOn: z.string(),
  endsOn: z.string().nullable(),
});

export const orgDetailSchema = orgSummarySchema.extend({
  parentName: z.string().nullable(),
  posts: z.array(orgPostSchema),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const orgListSchema = z.object({ items: z.array(orgSummarySchema) });
export const orgRootListSchema = orgListSchema.extend({ abilities: z.object({ createRoot: z.boolean() }) });
