import { today } from '../../lib/clock.js';

const kindShort: Record<string, string> = {
  activity_certificate: '活动证',
  membership_certificate_letter: '证明信',
};

/**
 * What the 证明 column of the register says: the document actually in hand, not the one the rules
 * ask for (issue 17 item 10) — 未开具 until a valid one is issued; 需转组织关系 where the rules
 * send the relationship itself (RULES.md §2).
 */
export function documentState(
  requiredDocument: string | null,
  letter: { kind: string; number: string; status: string; validUntil: string } | null,
  on = today(),
): string {
  if (requiredDocument === null) return '待补全外出信息';
  if (requiredDocument === 'none') return '无需开具';
  if (requiredDocument === 'transfer_letter') return '需转组织关系';
  if (letter?.status !== 'issued') return '未开具';
  const text = `${kindShort[letter.kind] ?? '证明'} ${letter.number}`;
  return letter.validUntil < on ? `${text}（已过期）` : text;
}
