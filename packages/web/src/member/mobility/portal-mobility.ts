import { useQuery } from '@tanstack/react-query';
import { meApi, mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MemberObligation } from '../../api/types';
import { useMe } from '../../lib/auth';

export const tap = { height: 52, fontSize: 17 };
export const muted = { color: '#8c8c8c', fontSize: 14 };

export function useMyLedger() {
  const me = useMe();
  return useQuery({
    queryKey: keys.me.ledger,
    queryFn: () => mobilityApi.memberLedger(me.memberId!),
  });
}

/** Still to do and not yet done: what the portal presses the member about. */
export const pressing = (o: MemberObligation) => o.state !== 'ok' && o.fulfilledOn === null;

/** The member's reminders: the home page's banner, the tab's badge and the inbox page share one query. */
export function useInbox() {
  return useQuery({ queryKey: keys.me.inbox, queryFn: meApi.inbox, staleTime: 60_000 });
}
