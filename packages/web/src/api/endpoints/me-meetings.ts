import { leaveRequestCreatedSchema, myMeetingsSchema, signedInSchema } from '@dangjian/core';
import { call } from '../client';
import type { LeaveRequestInput } from '../types';

/** The member's own organizational life, from the phone portal (a member account only). */
export const meMeetingsApi = {
  meetings: (year?: number) => call(myMeetingsSchema, 'GET', '/me/meetings', { query: { year } }),
  /** 201 present; 404 unknown code, 409 signed in already, 422 SIGN_IN_CLOSED / NOT_AN_ATTENDEE. */
  signIn: (code: string) => call(signedInSchema, 'POST', '/me/meetings/sign-in', { body: { code } }),
  askLeave: (meetingId: string, input: LeaveRequestInput) =>
    call(leaveRequestCreatedSchema, 'POST', `/me/meetings/${meetingId}/leave`, { body: input }),
};
