// The portal's side of organizational life (组织生活): my meetings, my leave, my attendance this year.
import type { leaveRequestBody, myMeetingSchema, myMeetingsSchema } from '@dangjian/core';
import type { z } from 'zod';

export type MyMeeting = z.infer<typeof myMeetingSchema>;
export type MyMeetings = z.infer<typeof myMeetingsSchema>;
export type LeaveRequestInput = z.input<typeof leaveRequestBody>;
