import { Button, Card, Popconfirm, Table } from 'antd';
import { Link } from 'react-router-dom';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { OrgDetail } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { LinkButton } from '../../components/LinkButton';
import { postKindLabels } from '../../lib/labels';

/** 班子成员与任期: appointing and removing are shown only when the server says so (`managePosts`). */
export function PostsCard({ org, onAppoint }: { org: OrgDetail; onAppoint: () => void }) {
  const removePost = useFormMutation({
    mutate: (postId: string) => orgApi.removePost(org.id, postId),
    success: '已撤销职务记录',
    invalidate: [keys.orgs.detail(org.id)],
    errorToast: true,
  });
  return (
    <Card
      title="班子成员与任期"
      extra={
        org.abilities.managePosts && (
          <Button size="small" onClick={onAppoint}>
            任命职务
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={org.posts}
        locale={{ emptyText: '尚未登记书记、副书记或委员' }}
        columns={[
          {
            title: '职务',
            dataIndex: 'kind',
            render: (k: keyof typeof postKindLabels) => postKindLabels[k] ?? k,
          },
          {
            title: '姓名',
            dataIndex: 'memberName',
            render: (n, p) => <Link to={`/members/${p.memberId}`}>{n}</Link>,
          },
          { title: '任职开始', dataIndex: 'startedOn' },
          { title: '届满', dataIndex: 'endsOn', render: (v) => v ?? '—' },
          ...(org.abilities.managePosts
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, p: OrgDetail['posts'][number]) => (
                    <Popconfirm
                      title={`撤销${p.memberName}的${postKindLabels[p.kind] ?? p.kind}职务记录？`}
                      okText="撤销"
                      cancelText="取消"
                      onConfirm={() => removePost.submitAsync(p.id).catch(() => undefined)}
                    >
                      <LinkButton danger>撤销</LinkButton>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
