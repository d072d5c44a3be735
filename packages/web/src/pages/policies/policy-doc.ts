import { policyFieldLabels } from '../../lib/labels';

export type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Doc => Object.prototype.toString.call(v) === '[object Object]';

/** The server's merge (packages/core policies.ts): objects merge, arrays and scalars replace. */
export function mergeDoc(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isObject(base) || !isObject(override)) return override;
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(override)) if (k !== '__proto__') out[k] = mergeDoc(base[k], v);
  return out;
}

/** Leaf paths of a policy document; arrays count as one value. */
export function flatten(doc: unknown, prefix: string[] = []): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (isObject(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      for (const [p, leaf] of flatten(v, [...prefix, k])) out.set(p, leaf);
    }
  } else {
    out.set(prefix.join('.'), doc);
  }
  return out;
}

export const pathLabel = (path: string) =>
  path
    .split('.')
    .map((k) => policyFieldLabels[k] ?? k)
    .join(' · ');

/**
 * 篇二 writes brackets as ranges whose upper bound belongs to the lower one ("3000 元以下(含 3000 元)",
 * "3000 元以上至 5000 元(含 5000 元)"), so each label names both of its bounds.
 */
export function bracketLabel(from: string | null, upTo: string | null): string {
  if (upTo === null) return from === null ? '全部' : `${from}元以上`;
  if (from === null) return `${upTo}元以下（含）`;
  return `${from}元以上至${upTo}元（含）`;
}

const percent = (rate: string) => `${(Number(rate) * 100).toFixed(1)}%`;

export function formatValue(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return '不限';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (v.every((b) => isObject(b) && 'rate' in b)) {
      const brackets = v as { upTo: string | null; rate: string }[];
      return brackets
        .map((b, i) => `${bracketLabel(brackets[i - 1]?.upTo ?? null, b.upTo)}：${percent(b.rate)}`)
        .join('；');
    }
    return JSON.stringify(v);
  }
  if (policyFieldLabels[String(v)]) return policyFieldLabels[String(v)]!;
  return String(v);
}

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export function diff(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const x = a.get(path);
    const y = b.get(path);
    return { path, before: x, after: y, changed: JSON.stringify(x) !== JSON.stringify(y) };
  });
}

/** Only what differs from the inherited policy: the smallest override that yields `effective`. */
export function overrideOf(inherited: unknown, effective: unknown): Doc {
  if (!isObject(inherited) || !isObject(effective)) return {};
  const out: Doc = {};
  for (const [k, v] of Object.entries(effective)) {
    const base = inherited[k];
    if (isObject(v) && isObject(base)) {
      const sub = overrideOf(base, v);
      if (Object.keys(sub).length) out[k] = sub;
    } else if (JSON.stringify(v) !== JSON.stringify(base)) {
      out[k] = v;
    }
  }
  return out;
}
