import { useQuery } from '@tanstack/react-query';
import { meDuesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { todayIso } from '../../lib/format';

const thisYear = () => Number(todayIso().slice(0, 4));

/** My dues of the year (amount and why, what I owe, the months): the home card and the pages share it. */
export function useMyDues(year = thisYear()) {
  return useQuery({ queryKey: keys.me.duesOfYear(year), queryFn: () => meDuesApi.dues(year) });
}

export function useMyDuesPayments() {
  return useQuery({ queryKey: keys.me.duesPayments, queryFn: meDuesApi.payments });
}
