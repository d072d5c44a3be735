import { Typography } from 'antd';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { Episode } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { LetterBlock } from '../../../components/LetterBlock';
import { letterKindLabels } from '../../../lib/labels';
import { issuable, issueText, openCertificatePdf } from '../shared';
import type { LedgerDialog } from './dialog';

/** The episode's 活动证 or 证明信 on the one-person ledger: print, issue, reissue when lost, revoke. */
export function EpisodeLetter({
  episode,
  onDialog,
}: {
  episode: Episode;
  onDialog: (d: LedgerDialog) => void;
}) {
  const cert = episode.certificate;
  const can = episode.abilities;
  const name = letterKindLabels[cert?.kind ?? episode.requiredDocument ?? ''] ?? '证明';
  const issue = useFormMutation({
    mutate: (reissue: boolean) =>
      reissue ? mobilityApi.reissueCertificate(episode.id) : mobilityApi.issueCertificate(episode.id),
    success: (c, reissue) => `${reissue ? '已补办' : '已开具'}${name}：${c.number}`,
    invalidate: [keys.mobility.all],
    errorToast: true,
  });
  const run = (reissue: boolean) => issue.submit(reissue);
  if (!issuable(episode.requiredDocument)) return null;
  return (
    <LetterBlock
      name={name}
      letter={cert}
      withStatus
      compact
      style={{ marginTop: 16 }}
      busy={issue.busy}
      empty={<Typography.Paragraph type="secondary">尚未开具{name}。</Typography.Paragraph>}
      issueLabel={cert ? `重新${issueText(episode.requiredDocument)}` : issueText(episode.requiredDocument)}
      onPrint={can.printCertificate ? () => openCertificatePdf(episode.id) : undefined}
      onIssue={can.issueCertificate ? () => run(false) : undefined}
      onReissue={can.reissueCertificate ? () => run(true) : undefined}
      onRevoke={
        can.revokeCertificate ? (l) => onDialog({ kind: 'revoke', letterId: l.id, title: name }) : undefined
      }
    />
  );
}
