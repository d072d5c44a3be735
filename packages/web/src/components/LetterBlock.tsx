import { Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { Certificate } from '../api/types';
import { todayIso } from '../lib/format';
import { letterStatusLabels } from '../lib/labels';

/** What the block shows of a letter of any kind (活动证, 证明信, and next the 组织关系介绍信). */
export type Letter = Pick<
  Certificate,
  'id' | 'kind' | 'number' | 'code' | 'status' | 'issuedOn' | 'validUntil'
>;

/** An issued letter past its date reads as expired, as verification answers it. */
export function shownLetterStatus(letter: Letter): string {
  return letter.status === 'issued' && letter.validUntil < todayIso() ? 'expired' : letter.status;
}

/**
 * Issuing takes the next number of the committee's yearly series and cannot be taken back (only
 * voided or replaced), so it is confirmed first (issue 17: confirm what cannot be undone).
 */
function ConfirmIssueButton({
  name,
  busy,
  onConfirm,
  size,
  children,
}: {
  name: string;
  busy: boolean;
  onConfirm: () => void;
  size?: 'large';
  children: ReactNode;
}) {
  return (
    <Popconfirm
      title={`确认开具${name}？`}
      description={
        <div style={{ maxWidth: 320 }}>
          开具后即编号并记入审计，不能撤回；如有错误只能作废，遗失须补办。请先核对姓名、外出流向和期限。
        </div>
      }
      okText="确认开具"
      cancelText="再核对一下"
      onConfirm={onConfirm}
    >
      <Button type="primary" size={size} loading={busy} data-testid="issue-certificate">
        {children}
      </Button>
    </Popconfirm>
  );
}

/**
 * One letter and what may be done with it. An action shows when its handler is passed, and the
 * caller passes one only where the server's abilities allow it: the block derives no rule itself.
 */
export function LetterBlock({
  name,
  letter,
  empty,
  withStatus = false,
  compact = false,
  size,
  style,
  busy = false,
  issueLabel,
  onPrint,
  onIssue,
  onReissue,
  onRevoke,
}: {
  /** The letter's kind in words: the card's title and the confirmations' subject. */
  name: string;
  letter: Letter | null;
  /** Shown while no letter has been issued. */
  empty: ReactNode;
  withStatus?: boolean;
  compact?: boolean;
  size?: 'large';
  style?: CSSProperties;
  busy?: boolean;
  issueLabel?: ReactNode;
  onPrint?: () => void;
  onIssue?: () => void;
  onReissue?: () => void;
  onRevoke?: (letter: Letter) => void;
}) {
  const status = letter ? shownLetterStatus(letter) : undefined;
  return (
    <Card size="small" title={name} style={style} data-testid="certificate-block">
      {letter ? (
        <Descriptions
          size={compact ? 'small' : undefined}
          column={{ xs: 1, md: 2 }}
          data-testid="certificate-info"
          items={[
            {
              key: 'n',
              label: '编号',
              children: <span data-testid="certificate-number">{letter.number}</span>,
            },
            {
              key: 'c',
              label: '核验码',
              children: (
                <Typography.Text copyable={{ text: letter.code }} strong>
                  <span data-testid="certificate-code">{letter.code}</span>
                </Typography.Text>
              ),
            },
            { key: 'i', label: '开具日期', children: letter.issuedOn },
            { key: 'v', label: '有效期至', children: letter.validUntil },
            ...(withStatus
              ? [
                  {
                    key: 's',
                    label: '状态',
                    children: (
                      <Tag color={status === 'issued' ? 'green' : 'default'} data-testid="certificate-status">
                        {letterStatusLabels[status ?? ''] ?? status}
                      </Tag>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        empty
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {onPrint && (
          <Button type="primary" size={size} onClick={onPrint}>
            打印
          </Button>
        )}
        {onIssue && (
          <ConfirmIssueButton name={name} size={size} busy={busy} onConfirm={onIssue}>
            {issueLabel}
          </ConfirmIssueButton>
        )}
        {onReissue && (
          <Popconfirm
            title={`${name}遗失补办`}
            description="原证将作废（核验显示“已作废”），并开具新编号、新核验码的证明。"
            okText="补办"
            cancelText="取消"
            onConfirm={onReissue}
          >
            <Button loading={busy}>遗失补办</Button>
          </Popconfirm>
        )}
        {onRevoke && letter && (
          <Button danger onClick={() => onRevoke(letter)}>
            作废
          </Button>
        )}
      </Space>
    </Card>
  );
}
