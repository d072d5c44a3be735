import { Button, Popconfirm, Segmented, Space } from 'antd';

/** The view (all or unread, with the unread count) and 全部标为已读 of the selected scope. */
export function Controls(props: {
  view: 'all' | 'unread';
  unread: number;
  scopeName: string;
  busy: boolean;
  onView: (v: 'all' | 'unread') => void;
  onMarkAll: () => void;
}) {
  return (
    <Space wrap>
      <Segmented
        value={props.view}
        options={[
          { value: 'all', label: '全部' },
          { value: 'unread', label: props.unread ? `未读 ${props.unread}` : '未读' },
        ]}
        onChange={(v) => props.onView(v as 'all' | 'unread')}
      />
      <Popconfirm
        title={`将${props.scopeName}的 ${props.unread} 条未读提醒全部标为已读？`}
        description="已读状态是共用的：本组织及下级的其他工作人员也将看到这些提醒为已读。"
        okText="全部标为已读"
        cancelText="取消"
        onConfirm={props.onMarkAll}
        disabled={props.unread === 0}
      >
        <Button disabled={props.unread === 0} loading={props.busy}>
          全部标为已读
        </Button>
      </Popconfirm>
    </Space>
  );
}
