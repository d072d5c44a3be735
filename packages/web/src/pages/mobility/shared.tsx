import { Alert, Button, DatePicker, Input, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ContactChannel, Episode, ObligationState, RequiredDocument } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import {
  contactChannelLabels,
  documentLabel,
  obligationStateColors,
  obligationStateLabels,
  transferTargetLabels,
} from '../../lib/labels';

/** What a mobility write refreshes: mobility's lists, and the member's record and the register that show the mark. */
export const mobilityWrites = [keys.mobility.all, keys.members.details, keys.members.all];

export function StateTag({ state }: { state: ObligationState | null | undefined }) {
  if (!state) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={obligationStateColors[state]}>{obligationStateLabels[state]}</Tag>;
}

/** The documents the origin issues itself from the 外出 registration (the transfer letter is a transfer). */
export const issuable = (doc: RequiredDocument | null) =>
  doc === 'activity_certificate' || doc === 'membership_certificate_letter';

export const issueText = (doc: RequiredDocument) =>
  doc === 'membership_certificate_letter' ? '开具证明信' : '开具活动证';

/** The PDF opens in a tab of its own, where the browser's viewer prints it. */
export function openCertificatePdf(episodeId: string) {
  window.open(mobilityApi.certificatePdfUrl(episodeId), '_blank', 'noopener');
}

/** What the rules require for this stay, in large type: the secretary acts on it right away. */
export function RequiredDocumentPanel({ episode }: { episode: Episode }) {
  const doc = episode.requiredDocument;
  const extra =
    doc === 'transfer_letter'
      ? `须转移正式组织关系，开具组织关系介绍信：${transferTargetLabels[episode.transferTarget ?? ''] ?? '转入所去单位或就近的党组织'}。本登记不开具活动证。`
      : doc === 'none'
        ? '外出 3 个月以内，经党支部同意即可，无需开具证明。'
        : doc === 'membership_certificate_letter'
          ? '开具党员证明信，由党员交所去单位的党组织。'
          : episode.abroad
            ? '出国（境）：组织关系不转往境外，保留在原党组织；开具流动党员活动证，按流动党员管理并定期联系。'
            : '开具流动党员活动证，党员凭证在流入地参加组织生活。';
  return (
    <Alert
      type={doc === 'none' ? 'success' : doc === 'transfer_letter' ? 'warning' : 'info'}
      showIcon
      data-testid="required-document"
      title={
        <span style={{ fontSize: 18 }}>
          按规定须开具：
          <Typography.Text strong style={{ fontSize: 20, color: '#c8161d' }}>
            {documentLabel(doc)}
          </Typography.Text>
        </span>
      }
      description={
        <div>
          <div style={{ fontSize: 15 }}>{extra}</div>
          <div style={{ marginTop: 6, color: '#595959' }} data-testid="required-rule">
            依据：{episode.rule}
          </div>
        </div>
      }
    />
  );
}

const channels = Object.keys(contactChannelLabels) as ContactChannel[];

/** 一月一联系 in two taps: how (phone is preselected), then whether the member was reached. */
export function QuickContact({
  memberId,
  memberName,
  onDone,
}: {
  memberId: string;
  memberName?: string;
  onDone?: () => void;
}) {
  const [channel, setChannel] = useState<ContactChannel>('phone');
  const [note, setNote] = useState('');
  const [on, setOn] = useState<Dayjs>(() => dayjs());
  const log = useFormMutation({
    mutate: (reached: boolean) =>
      mobilityApi.logContact(memberId, {
        channel,
        reached,
        contactedOn: on.format('YYYY-MM-DD'),
        note: note.trim() || undefined,
      }),
    success: (_, reached) =>
      `已登记${memberName ? `与${memberName}的` : ''}${contactChannelLabels[channel]}联系（${reached ? '已联系上' : '未联系上'}）`,
    invalidate: [keys.mobility.all],
    errorToast: true,
    onDone: () => {
      setNote('');
      onDone?.();
    },
  });
  // Which of the two buttons is running, so only that one spins.
  const busy = log.busy ? (log.variables ?? null) : null;
  const submit = (reached: boolean) => log.submit(reached);
  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }} data-testid="quick-contact">
      <Radio.Group
        aria-label="联系方式"
        optionType="button"
        buttonStyle="solid"
        value={channel}
        onChange={(e) => setChannel(e.target.value)}
        options={channels.map((c) => ({ value: c, label: contactChannelLabels[c] }))}
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }}
      />
      <div style={{ display: 'flex', gap: 8 }}>
        <DatePicker
          aria-label="联系日期"
          value={on}
          allowClear={false}
          onChange={(d) => d && setOn(d)}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          style={{ width: 140, flex: 'none' }}
        />
        <Input
          placeholder="备注（可不填），如：在深圳务工，近况良好"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          aria-label="联系备注"
        />
      </div>
      <Space wrap>
        <Button type="primary" loading={busy === true} disabled={busy === false} onClick={() => submit(true)}>
          已联系上
        </Button>
        <Button danger loading={busy === false} disabled={busy === true} onClick={() => submit(false)}>
          未联系上
        </Button>
      </Space>
    </Space>
  );
}
