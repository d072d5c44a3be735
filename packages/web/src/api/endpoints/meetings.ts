import {
  attendanceUpdatedSchema,
  createdSchema,
  escalationListSchema,
  escalationPageSchema,
  leaveRequestPageSchema,
  lifeComparisonSchema,
  lifeComplianceSchema,
  lifeExemptionPageSchema,
  type meetingAttachmentSchema,
  meetingCreatedSchema,
  meetingDetailSchema,
  meetingPageSchema,
  meetingPlannedSchema,
  memberAttendanceSchema,
  okSchema,
  orgEscalationListSchema,
  signInOpenedSchema,
} from '@dangjian/core';
import type { z } from 'zod';
import { ApiError, call, download } from '../client';
import type {
  AttendanceStatus,
  EscalationSearch,
  LeaveReason,
  LeaveRequestStatus,
  LifeExemptionInput,
  MeetingInput,
  MeetingListQuery,
  MeetingPlanInput,
} from '../types';

type Paged = { page?: number; pageSize?: number };
type Attachment = z.infer<typeof meetingAttachmentSchema>;

/**
 * An attachment goes up by XMLHttpRequest, not fetch: only it reports the upload's progress, which a
 * photo taken at the meeting on a village connection needs.
 */
function uploadAttachment(
  meetingId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/meetings/${meetingId}/attachments`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Attachment);
      const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          e?.code ?? `HTTP_${xhr.status}`,
          e?.message ?? (xhr.status === 413 ? '文件太大' : `上传失败（${xhr.status}）`),
        ),
      );
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export const meetingsApi = {
  record: (input: MeetingInput) => call(meetingCreatedSchema, 'POST', '/meetings', { body: input }),
  plan: (input: MeetingPlanInput) => call(meetingPlannedSchema, 'POST', '/meetings/plans', { body: input }),
  list: (q: MeetingListQuery & Paged) => call(meetingPageSchema, 'GET', '/meetings', { query: { ...q } }),
  get: (id: string) => call(meetingDetailSchema, 'GET', `/meetings/${id}`),
  updateAttendance: (
    id: string,
    attendance: { memberId: string; status: AttendanceStatus; leaveReason?: LeaveReason }[],
  ) => call(attendanceUpdatedSchema, 'PUT', `/meetings/${id}/attendance`, { body: { attendance } }),
  uploadAttachment,
  /** Opened in a new tab or saved by the browser; the session cookie goes along. */
  attachmentUrl: (id: string, attachmentId: string) => `/api/meetings/${id}/attachments/${attachmentId}`,
  openSignIn: (id: string, minutes?: number) =>
    call(signInOpenedSchema, 'POST', `/meetings/${id}/sign-in`, { body: minutes ? { minutes } : {} }),

  leaveRequests: (q: { orgId?: string; status?: LeaveRequestStatus } & Paged) =>
    call(leaveRequestPageSchema, 'GET', '/leave-requests', { query: { ...q } }),
  decideLeave: (id: string, approve: boolean, note?: string) =>
    call(okSchema, 'POST', `/leave-requests/${id}/decision`, { body: { approve, note } }),

  exemptions: (q: { orgId?: string } & Paged) =>
    call(lifeExemptionPageSchema, 'GET', '/life-exemptions', { query: { ...q } }),
  addExemption: (input: LifeExemptionInput) =>
    call(createdSchema, 'POST', '/life-exemptions', { body: input }),
  endExemption: (id: string, on: string) =>
    call(okSchema, 'POST', `/life-exemptions/${id}/end`, { body: { on } }),

  memberEscalations: (memberId: string, year?: number) =>
    call(escalationListSchema, 'GET', `/members/${memberId}/escalations`, { query: { year } }),
  memberAttendance: (memberId: string, year?: number) =>
    call(memberAttendanceSchema, 'GET', `/members/${memberId}/attendance`, { query: { year } }),

  compliance: (orgId: string, year?: number) =>
    call(lifeComplianceSchema, 'GET', `/orgs/${orgId}/life-compliance`, { query: { year } }),
  comparison: (orgId: string, q: { year?: number } & Paged) =>
    call(lifeComparisonSchema, 'GET', `/orgs/${orgId}/life-comparison`, { query: { ...q } }),
  exportComparison: (orgId: string, year?: number) =>
    download(`/orgs/${orgId}/life-comparison/export`, { year }, '组织生活落实情况对比.xlsx'),

  escalations: (q: EscalationSearch & Paged) =>
    call(escalationPageSchema, 'GET', '/escalations', { query: { ...q } }),
  orgEscalations: (orgId: string, year?: number) =>
    call(orgEscalationListSchema, 'GET', `/orgs/${orgId}/escalations`, { query: { year } }),
  /** 短信提醒、警戒书、落后党员认定建议 as a PDF, opened in a new tab for printing. */
  escalationDocumentUrl: (id: string) => `/api/escalations/${id}/document`,
  /** 书面提醒、诫勉谈话记录、处置通知 of a branch. */
  orgEscalationDocumentUrl: (id: string) => `/api/org-escalations/${id}/document`,
};
