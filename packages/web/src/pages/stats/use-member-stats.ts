import { useQuery } from '@tanstack/react-query';
import { statsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';

/** The dashboard and its printable return read the same two answers: counts on `asOf` and destinations. */
export function useMemberStats(orgId: string | undefined, asOf: string) {
  const stats = useQuery({
    queryKey: keys.stats.members(orgId, asOf),
    queryFn: () => statsApi.members(orgId, asOf),
  });
  const dest = useQuery({
    queryKey: keys.stats.destinations(orgId),
    queryFn: () => statsApi.destinations(orgId),
  });
  return {
    data: stats.data && dest.data ? { stats: stats.data, dest: dest.data.items } : undefined,
    isLoading: stats.isLoading || dest.isLoading,
    error: stats.error ?? dest.error,
    refetch: () => Promise.all([stats.refetch(), dest.refetch()]),
  };
}
