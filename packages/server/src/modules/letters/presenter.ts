import type { LetterKind, LetterStatus } from '@dangjian/core';

/** Only the surname stays visible: enough to match the paper, not enough to identify (API.md). */
export function maskName(name: string): string {
  const chars = [...name];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** What anyone holding the code learns: whether the paper is valid now, and whose it is, masked. */
export function presentVerification(
  letter: {
    kind: LetterKind;
    status: LetterStatus;
    issuedBy: string;
    issuedOn: string;
    validUntil: string;
    memberName: string;
  },
  on: string,
) {
  const expired = letter.status === 'issued' && letter.validUntil < on;
  return {
    valid: letter.status === 'issued' && !expired,
    kind: letter.kind,
    status: expired ? ('expired' as const) : letter.status,
    issuedBy: letter.issuedBy,
    issuedOn: letter.issuedOn,
    validUntil: letter.validUntil,
    memberName: maskName(letter.memberName),
  };
}
