import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesPublication } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, InlineError } from '../../components/QueryState';
import { todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { yuan } from './labels';
import { duesWrites, YearFormAndList } from './shared';

interface Values {
  used: { item: string; amount: number }[];
  publishedOn: dayjs.Dayjs;
  note?: string;
}

/** 公布: the year's collection (from the ledger) and what the branch's share was used for. */
function PublishForm({ orgId, year }: { orgId: string; year: number }) {
  const [form] = Form.useForm<Values>();
  const publish = useFormMutation({
    mutate: (v: Values) =>
      duesApi.publish({
        orgId,
        year,
        used: (v.used ?? []).map((u) => ({ item: u.item.trim(), amount: u.amount.toFixed(2) })),
        publishedOn: v.publishedOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      }),
    success: '已公布，党员可在手机上查看',
    invalidate: duesWrites,
    onDone: () => form.resetFields(),
  });
  return (
    <Card title={`公布 ${year} 年党费收缴和使用情况`}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        每年向党员公布一次。收缴和上缴金额由系统按账目汇总，这里只需填写使用情况。
      </Typography.Paragraph>
      <InlineError error={publish.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={publish.submit}
        initialValues={{ used: [], publishedOn: dayjs(todayIso()) }}
      >
        <Form.List name="used">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'item']}
                    rules={[{ required: true, whitespace: true, message: '请填写用途' }]}
                  >
                    <Input placeholder="用途，如：订阅党报党刊" aria-label="用途" maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: '请填写金额' }]}>
                    <InputNumber min={0} precision={2} placeholder="金额" aria-label="金额" addonAfter="元" />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button type="dashed" block onClick={() => add()} style={{ marginBottom: 16 }}>
                添加一项使用情况
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item label="公布日期" name="publishedOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={publish.busy}>
          公布
        </Button>
      </Form>
    </Card>
  );
}

function PublicationList({ orgId, year }: { orgId: string; year: number }) {
  const q = useQuery({
    queryKey: keys.dues.publications(orgId, year),
    queryFn: () => duesApi.publications(orgId, year),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card title="已公布">
      <Table<DuesPublication>
        rowKey="id"
        data-testid="publication-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: `${year} 年尚未公布` }}
        expandable={{
          expandedRowRender: (p) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                ...p.used.map((u, i) => ({ key: String(i), label: u.item, children: yuan(u.amount) })),
                ...(p.note ? [{ key: 'note', label: '说明', children: p.note }] : []),
              ]}
            />
          ),
        }}
        columns={[
          { title: '党组织', dataIndex: 'orgName' },
          { title: '年度', dataIndex: 'year' },
          { title: '收缴', dataIndex: 'collected', align: 'right', render: yuan },
          { title: '上缴', dataIndex: 'remitted', align: 'right', render: yuan },
          { title: '公布日期', dataIndex: 'publishedOn' },
          {
            title: '公布单',
            key: 'pdf',
            render: (_: unknown, p) => (
              <Button
                size="small"
                onClick={() => window.open(duesApi.publicationPdfUrl(p.id), '_blank', 'noopener')}
              >
                打印公布单
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 公布: once a year each branch publishes its dues collection and use (PDF and the portal). */
export default function PublicationsPage() {
  usePageTitle('党费公布');
  return (
    <YearFormAndList
      formSpan={9}
      form={(orgId, year) => <PublishForm orgId={orgId} year={year} />}
      list={(orgId, year) => <PublicationList orgId={orgId} year={year} />}
    />
  );
}
