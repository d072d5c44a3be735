const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const PLANNED_LANDLINE = /^(?<area>0(?:[12]\d|\d{3}))(?<dash>-?)(?<local>\d{7,8})$/;
const ANY_LANDLINE = /^(?<area>0\d{2,3})(?<dash>-?)(?<local>\d{7,8})$/;

/** Canonical form: a mobile as its bare 11 digits, a landline with its dash (if any) kept. */
export function normalizePhone(s: string): string {
  const compact = s.replace(/\s+/g, '');
  return MOBILE.exec(compact.replaceAll('-', ''))?.[1] ?? compact;
}

export function isValidPhone(s: string): boolean {
  const n = normalizePhone(s);
  return MOBILE.test(n) || ANY_LANDLINE.test(n);
}

export function maskPhone(s: string): string {
  const n = normalizePhone(s);
  if (MOBILE.test(n)) return `${n.slice(0, 3)}****${n.slice(-4)}`;
  // Without a dash the numbering plan tells the area code's length: 010 and 02x have 3 digits, others 4.
  const g = (PLANNED_LANDLINE.exec(n) ?? ANY_LANDLINE.exec(n))?.groups;
  if (!g) return '*'.repeat(n.length);
  const { area = '', dash = '', local = '' } = g;
  return `${area}${dash}${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
}
