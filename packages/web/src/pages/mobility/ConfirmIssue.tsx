import { Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';

/**
 * Issuing takes the next number of the committee's yearly series and cannot be taken back (only
 * voided or replaced), so it is confirmed first (issue 17: confirm what cannot be undone).
 */
export function ConfirmIssueButton({
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
