import { Button, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { Episode } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { LetterBlock } from '../../../components/LetterBlock';
import { InlineError } from '../../../components/QueryState';
import { letterKindLabels, monthsLabel, reasonLabel, requiredDocumentLabels } from '../../../lib/labels';
import { issuable, issueText, openCertificatePdf, RequiredDocumentPanel } from '../shared';

/** The registration saved: what the rules require, and the letter to issue and print right away. */
export function Registered({ episode, onAgain }: { episode: Episode; onAgain: () => void }) {
  const navigate = useNavigate();
  // The episode is read again after issuing: its certificate and what may be done now are the server's.
  const [current, setCurrent] = useState(episode);
  const issue = useFormMutation({
    mutate: async (episodeId: string) => {
      const certificate = await mobilityApi.issueCertificate(episodeId);
      return { certificate, episode: await mobilityApi.episode(episodeId) };
    },
    success: ({ certificate: c }) => `已开具${letterKindLabels[c.kind] ?? '证明'}：${c.number}`,
    invalidate: [keys.mobility.all],
    onDone: (r) => setCurrent(r.episode),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Result
        status="success"
        title={`${episode.memberName} 的外出登记已保存`}
        subTitle={`${episode.leftOn} 起外出 ${monthsLabel(episode.expectedMonths)}，前往${episode.destinationName ?? '—'}（${reasonLabel(episode.reason)}）${episode.inflowOrgName ? `，流入${episode.inflowOrgName}` : ''}${episode.expectedReturnOn ? `，预计 ${episode.expectedReturnOn} 返回` : ''}，已记入外出党员登记簿。`}
        style={{ padding: '16px 0 0' }}
      />
      <RequiredDocumentPanel episode={episode} />
      <InlineError error={issue.error} />
      {issuable(episode.requiredDocument) && (
        <LetterBlock
          name={requiredDocumentLabels[episode.requiredDocument]}
          letter={current.certificate}
          size="large"
          busy={issue.busy}
          empty={
            <Typography.Paragraph>
              尚未开具。开具后可打印，证上印有二维码和核验码，任何人可核验真伪。
            </Typography.Paragraph>
          }
          issueLabel={issueText(episode.requiredDocument)}
          onIssue={current.abilities.issueCertificate ? () => issue.submit(episode.id) : undefined}
          onPrint={current.abilities.printCertificate ? () => openCertificatePdf(episode.id) : undefined}
        />
      )}
      <Space wrap>
        <Button onClick={() => navigate(`/mobility/members/${episode.memberId}`)}>查看一人一台账</Button>
        <Button onClick={onAgain}>继续登记其他党员</Button>
        <Button type="link" onClick={() => navigate('/mobility')}>
          返回台账
        </Button>
      </Space>
    </Space>
  );
}
