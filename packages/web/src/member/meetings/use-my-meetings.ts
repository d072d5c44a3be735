import { useQuery } from '@tanstack/react-query';
import { meMeetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MyMeeting } from '../../api/types';
import { todayIso } from '../../lib/format';

export const thisYear = () => Number(todayIso().slice(0, 4));

/** My meetings of the year, my leave and my counts: the home card and the three pages share one query. */
export function useMyMeetings(year = thisYear()) {
  return useQuery({ queryKey: keys.me.meetings(year), queryFn: () => meMeetingsApi.meetings(year) });
}

/** Planned and not yet past, soonest first: what the member may still attend or ask leave for. */
export function upcoming(items: MyMeeting[]): MyMeeting[] {
  const today = todayIso();
  return items
    .filter((m) => m.status === 'planned' && m.heldOn >= today)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
}

/** Held this year, newest first. */
export function held(items: MyMeeting[]): MyMeeting[] {
  return items.filter((m) => m.status === 'held').sort((a, b) => b.heldOn.localeCompare(a.heldOn));
}
