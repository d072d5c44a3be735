import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { meetingAttachments } from '../../../db/schema.js';
import { type Actor, authorize, isUuid } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentAttachment } from '../presenter.js';
import { loadMeetingInScope } from '../queries.js';

/**
 * Photos and files of the minutes (issue 9: photos, PDF, office files). No SVG or HTML: an attachment
 * is served back with its own type, and those could run script in the console's origin.
 */
const allowedTypes = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/wps-office.docx',
  'text/plain',
]);

/** Authorizes the upload and answers the policy's limit, before the body is read. */
export async function attachmentLimit(ctx: AppContext, actor: Actor, meetingId: string) {
  authorize(actor, 'meeting.write');
  const m = await loadMeetingInScope(ctx, actor, meetingId);
  return (await effectivePolicy(ctx, m.orgId, 'meetings', today())).document.attachmentMaxBytes;
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  file: { name: string; contentType: string; data: Buffer },
) {
  authorize(actor, 'meeting.write');
  const m = await loadMeetingInScope(ctx, actor, meetingId);
  const max = (await effectivePolicy(ctx, m.orgId, 'meetings', today())).document.attachmentMaxBytes;
  if (file.data.length > max) {
    throw new AppError('FILE_TOO_LARGE', `附件超过 ${Math.floor(max / 1024)} KB 的上限`);
  }
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (!allowedTypes.has(contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传照片、PDF 或办公文档');
  }
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    const [row] = await tx
      .insert(meetingAttachments)
      .values({
        id,
        meetingId: m.id,
        name: file.name,
        contentType,
        size: file.data.length,
        data: file.data,
        createdBy: actor.userId,
      })
      .returning({
        id: meetingAttachments.id,
        name: meetingAttachments.name,
        contentType: meetingAttachments.contentType,
        size: meetingAttachments.size,
        createdAt: meetingAttachments.createdAt,
      });
    w.audit({
      action: 'meeting.attach',
      entity: 'meeting',
      entityId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { id, name: file.name, contentType, size: file.data.length },
    });
    return presentAttachment(row!);
  });
}

export async function attachmentFile(ctx: AppContext, actor: Actor, meetingId: string, attachmentId: string) {
  authorize(actor, 'org.read');
  const m = await loadMeetingInScope(ctx, actor, meetingId);
  if (!isUuid(attachmentId)) throw new AppError('NOT_FOUND', '附件不存在');
  const [row] = await ctx.database.rows<{ name: string; contentType: string; data: Uint8Array }>(
    sql`select name, content_type as "contentType", data from meeting_attachments
      where id = ${attachmentId} and meeting_id = ${m.id}`,
  );
  if (!row) throw new AppError('NOT_FOUND', '附件不存在');
  const body = Buffer.from(row.data);
  return { body, type: row.contentType, name: row.name };
}
