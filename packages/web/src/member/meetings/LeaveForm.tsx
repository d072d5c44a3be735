import { leaveReasons } from '@dangjian/core';
import { Alert, Button, Input, Radio } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { meMeetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { LeaveReason, MyMeeting } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { leaveReasonLabels } from '../../lib/meeting-labels';
import { muted, tap } from '../mobility/portal-mobility';

/** 请假 (RULES.md §4: sick, official or personal leave, approved by the branch secretary). */
export function LeaveForm({ m, onDone }: { m: MyMeeting; onDone: () => void }) {
  const [reason, setReason] = useState<LeaveReason | null>(null);
  const [note, setNote] = useState('');
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { reason: LeaveReason; note: string }) =>
      meMeetingsApi.askLeave(m.id, v.note ? { reason: v.reason, note: v.note } : { reason: v.reason }),
    success: '请假申请已提交，等待党支部审批',
    invalidate: [keys.me.all],
    onDone,
  });
  return (
    <div
      data-testid="leave-form"
      style={{ marginTop: 10, padding: 12, background: '#fafafa', borderRadius: 8 }}
    >
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 10 }} title={errorMessage(error)} />
      ) : null}
      <div style={{ ...muted, marginBottom: 6 }}>请假类别</div>
      <Radio.Group
        aria-label="请假类别"
        optionType="button"
        buttonStyle="solid"
        size="large"
        value={reason}
        onChange={(e) => setReason(e.target.value as LeaveReason)}
        options={leaveReasons.map((r) => ({ value: r, label: leaveReasonLabels[r] }))}
      />
      <Input.TextArea
        aria-label="请假说明"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder="说明（选填），如：在外务工无法返回"
        style={{ fontSize: 16, marginTop: 10 }}
      />
      <Button
        type="primary"
        block
        style={{ ...tap, marginTop: 10 }}
        loading={busy}
        disabled={!reason}
        onClick={() => reason && submit({ reason, note: note.trim() })}
      >
        提交请假
      </Button>
    </div>
  );
}
