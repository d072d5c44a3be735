export interface StatsRow {
  total: number;
  a25: number;
  a30: number;
  a35: number;
  a40: number;
  a41: number;
  doctor: number;
  master: number;
  bachelor: number;
  college: number;
  secondary: number;
  eduOther: number;
  local: number;
  province: number;
  outside: number;
  unknown: number;
  normal: number;
  stopped: number;
  lostContact: number;
}

export interface DestinationRow {
  province: string | null;
  n: number;
}

/** API.md `/api/stats/members`: the counts by table, with what they were counted for. */
export function presentMemberStats(
  s: StatsRow,
  at: { asOf: string; orgId: string | null; regionCode: string | null },
) {
  return {
    total: s.total,
    ageBands: { '<=25': s.a25, '26-30': s.a30, '31-35': s.a35, '36-40': s.a40, '>=41': s.a41 },
    education: {
      doctor: s.doctor,
      master: s.master,
      bachelor: s.bachelor,
      college: s.college,
      secondary: s.secondary,
      other: s.eduOther,
    },
    location: { local: s.local, province: s.province, outside: s.outside, unknown: s.unknown },
    standing: { normal: s.normal, stopped: s.stopped, lostContact: s.lostContact },
    asOf: at.asOf,
    orgId: at.orgId,
    regionCode: at.regionCode,
  };
}

/** A province as its GB/T 2260 code (`xx0000`); null when abroad or not recorded. */
export function presentDestination(r: DestinationRow) {
  return { provinceCode: r.province ? `${r.province}0000` : null, count: r.n };
}
