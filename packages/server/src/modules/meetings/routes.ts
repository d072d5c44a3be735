import {
  attachmentParams,
  attendanceUpdateBody,
  attendanceUpdatedSchema,
  createdSchema,
  escalationListSchema,
  escalationQuery,
  idParams,
  leaveDecisionBody,
  leaveRequestBody,
  leaveRequestCreatedSchema,
  leaveRequestPageSchema,
  leaveRequestQuery,
  lifeCreateBody,
  lifeExemptionBody,
  lifeExemptionEndBody,
  lifeExemptionPageSchema,
  lifeExemptionQuery,
  lifeRecordedSchema,
  meetingAttachmentFile,
  meetingAttachmentSchema,
  meetingCreateBody,
  meetingCreatedSchema,
  meetingDetailSchema,
  meetingListQuery,
  meetingPageSchema,
  meetingPlanBody,
  meetingPlannedSchema,
  memberAttendanceQuery,
  memberAttendanceSchema,
  myMeetingsQuery,
  myMeetingsSchema,
  okSchema,
  signedInSchema,
  signInBody,
  signInOpenBody,
  signInOpenedSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { sendFile } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { addAttachment, attachmentFile, attachmentLimit } from './service/attachments.js';
import { memberEscalationList } from './service/escalations.js';
import { createExemption, endExemption, listExemptions } from './service/exemptions.js';
import { decideLeave, listLeaveRequests, requestLeave } from './service/leave.js';
import { recordLife } from './service/life.js';
import { planMeeting } from './service/plans.js';
import { myMeetings } from './service/portal.js';
import { listMeetings, meetingDetail, memberAttendance } from './service/read.js';
import { recordMeeting, updateAttendance } from './service/record.js';
import { openSignIn, signIn } from './service/sign-in.js';

const tags = ['meetings'];

export function registerMeetingRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/members/:id/life',
    {
      schema: {
        tags: ['mobility'],
        summary: '登记参加组织生活',
        params: idParams,
        body: lifeCreateBody,
        response: { 201: lifeRecordedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordLife(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '登记已召开的会议（出勤、表决；超过规定天数补录须说明原因）',
        body: meetingCreateBody,
        response: { 201: meetingCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordMeeting(ctx, requireActor(req), req.body)),
  );
  r.post(
    '/api/meetings/plans',
    {
      schema: {
        tags,
        summary: '计划会议，并通知应到人员',
        body: meetingPlanBody,
        response: { 201: meetingPlannedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await planMeeting(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '会议列表（组织及下级，最新在前）',
        querystring: meetingListQuery,
        response: { 200: meetingPageSchema },
      },
    },
    (req) => listMeetings(ctx, requireActor(req), req.query),
  );
  r.get(
    '/api/meetings/:id',
    {
      schema: { tags, summary: '会议详情与出勤', params: idParams, response: { 200: meetingDetailSchema } },
    },
    (req) => meetingDetail(ctx, requireActor(req), req.params.id),
  );
  r.put(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: '修改已召开会议的出勤情况',
        params: idParams,
        body: attendanceUpdateBody,
        response: { 200: attendanceUpdatedSchema },
      },
    },
    (req) => updateAttendance(ctx, requireActor(req), req.params.id, req.body.attendance),
  );
  r.post(
    '/api/meetings/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传会议照片或文件（multipart 字段 file）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: meetingAttachmentSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const max = await attachmentLimit(ctx, actor, req.params.id);
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', '请上传文件（字段名 file）');
      const part = await req.file({ limits: { fileSize: max } });
      if (part?.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', '请上传文件（字段名 file）');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('FILE_TOO_LARGE', `附件超过 ${Math.floor(max / 1024)} KB 的上限`);
        }
        throw err;
      }
      const file = { name: part.filename || '附件', contentType: part.mimetype, data };
      return reply.status(201).send(await addAttachment(ctx, actor, req.params.id, file));
    },
  );
  r.get(
    '/api/meetings/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '下载会议附件',
        params: attachmentParams,
        response: { 200: meetingAttachmentFile },
      },
    },
    async (req, reply) => {
      const file = await attachmentFile(ctx, requireActor(req), req.params.id, req.params.attachmentId);
      const inline = file.type.startsWith('image/') || file.type === 'application/pdf';
      return sendFile(reply, { ...file, inline });
    },
  );
  r.post(
    '/api/meetings/:id/sign-in',
    {
      schema: {
        tags,
        summary: '发起手机签到（签到码和二维码，限时）',
        params: idParams,
        body: signInOpenBody,
        response: { 201: signInOpenedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await openSignIn(ctx, requireActor(req), req.params.id, req.body.minutes)),
  );
  r.post(
    '/api/me/meetings/sign-in',
    {
      schema: {
        tags,
        summary: '党员本人用签到码签到（不能代签）',
        body: signInBody,
        response: { 201: signedInSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await signIn(ctx, requireActor(req), req.body.code)),
  );
  r.get(
    '/api/me/meetings',
    {
      schema: {
        tags,
        summary: '我的会议与本年出勤',
        querystring: myMeetingsQuery,
        response: { 200: myMeetingsSchema },
      },
    },
    (req) => myMeetings(ctx, requireActor(req), req.query.year),
  );
  r.post(
    '/api/me/meetings/:id/leave',
    {
      schema: {
        tags,
        summary: '党员本人请假',
        params: idParams,
        body: leaveRequestBody,
        response: { 201: leaveRequestCreatedSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await requestLeave(ctx, requireActor(req), req.params.id, req.body)),
  );
  r.get(
    '/api/leave-requests',
    {
      schema: {
        tags,
        summary: '请假申请（组织及下级）',
        querystring: leaveRequestQuery,
        response: { 200: leaveRequestPageSchema },
      },
    },
    (req) => listLeaveRequests(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/leave-requests/:id/decision',
    {
      schema: {
        tags,
        summary: '批准或不批准请假',
        params: idParams,
        body: leaveDecisionBody,
        response: { 200: okSchema },
      },
    },
    (req) => decideLeave(ctx, requireActor(req), req.params.id, req.body),
  );
  r.post(
    '/api/life-exemptions',
    {
      schema: {
        tags,
        summary: '上级组织批准党员免于参加组织生活（年老体弱、卧病等）',
        body: lifeExemptionBody,
        response: { 201: createdSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createExemption(ctx, requireActor(req), req.body)),
  );
  r.get(
    '/api/life-exemptions',
    {
      schema: {
        tags,
        summary: '免于参加组织生活的党员',
        querystring: lifeExemptionQuery,
        response: { 200: lifeExemptionPageSchema },
      },
    },
    (req) => listExemptions(ctx, requireActor(req), req.query),
  );
  r.post(
    '/api/life-exemptions/:id/end',
    {
      schema: {
        tags,
        summary: '结束免于参加组织生活',
        params: idParams,
        body: lifeExemptionEndBody,
        response: { 200: okSchema },
      },
    },
    (req) => endExemption(ctx, requireActor(req), req.params.id, req.body.on),
  );
  r.get(
    '/api/members/:id/escalations',
    {
      schema: {
        tags,
        summary: '党员因缺席组织生活的处置步骤（短信提醒、警戒书、落后党员、自动脱党候选）',
        params: idParams,
        querystring: escalationQuery,
        response: { 200: escalationListSchema },
      },
    },
    (req) => memberEscalationList(ctx, requireActor(req), req.params.id, req.query.year),
  );
  r.get(
    '/api/members/:id/attendance',
    {
      schema: {
        tags,
        summary: '党员本年参加组织生活情况',
        params: idParams,
        querystring: memberAttendanceQuery,
        response: { 200: memberAttendanceSchema },
      },
    },
    (req) => memberAttendance(ctx, requireActor(req), req.params.id, req.query.year),
  );
}
