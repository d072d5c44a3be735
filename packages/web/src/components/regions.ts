import { useQuery } from '@tanstack/react-query';
import { regionApi } from '../api/endpoints';
import { keys } from '../api/keys';
import type { RegionNode } from '../api/types';

export function useRegions() {
  return useQuery({
    queryKey: keys.regions.tree,
    queryFn: regionApi.tree,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The Cascader path down to a code; the tree skips placeholder levels, so search rather than slice. */
export function regionPath(tree: RegionNode[] | undefined, code: string | null | undefined): string[] {
  if (!tree || !code) return [];
  const walk = (nodes: RegionNode[], trail: string[]): string[] | null => {
    for (const n of nodes) {
      if (n.value === code) return [...trail, n.value];
      if (n.children && code.startsWith(n.value.replace(/0+$/, '').slice(0, 2))) {
        const found = walk(n.children, [...trail, n.value]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(tree, []) ?? [];
}

export function regionLabel(tree: RegionNode[] | undefined, code: string | null | undefined): string | null {
  if (!tree || !code) return null;
  const labels: string[] = [];
  let nodes: RegionNode[] | undefined = tree;
  for (const value of regionPath(tree, code)) {
    const n: RegionNode | undefined = nodes?.find((x) => x.value === value);
    if (!n) break;
    labels.push(n.label);
    nodes = n.children;
  }
  return labels.length ? labels.join('') : null;
}
