/**
 * Some endpoints send PostgreSQL's text form of a timestamp ("2026-11-27 11:25:30.508+00") rather
 * than ISO 8601; Safari (the iPhone portal) rejects that form, so normalise before parsing.
 */
export function parseTime(v: string | null | undefined): Date | null {
  if (!v) return null;
  const iso = v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-27 19:25" in the viewer's time zone. */
export function formatTime(v: string | null | undefined, empty = '—'): string {
  const d = parseTime(v);
  if (!d) return empty;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as YYYY-MM-DD in the viewer's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-11" → "2026年11月"; quarters and halves as the obligations name them. */
export function periodLabel(p: string | null | undefined): string {
  if (!p) return '—';
  let m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) return `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度`;
  m = /^(\d{4})-H([12])$/.exec(p);
  if (m) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if (/^\d{4}$/.test(p)) return `${p}年`;
  return p;
}

/**
 * When an obligation was met. A report or a review carries no day of its own (the server then gives
 * the period's first day), so those say only that it was done.
 */
export function fulfilledText(o: { kind: string; fulfilledOn: string | null }): string | null {
  if (!o.fulfilledOn) return null;
  if (o.kind === 'monthly_report') return '已提交';
  if (o.kind === 'yearly_review') return '已评议';
  return `已于 ${o.fulfilledOn} 完成`;
}
