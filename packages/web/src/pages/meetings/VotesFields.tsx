import { Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';

/** 表决事项 of the record (a Form.List named `votes`): motion and the three counts. */
export function VotesFields() {
  return (
    <Form.List name="votes">
      {(fields, { add, remove }) => (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>表决事项</Typography.Text>
          <Typography.Text type="secondary">（如有，按每项决议分别填写票数）</Typography.Text>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="middle" style={{ marginTop: 8 }}>
              <Col flex="auto">
                <Form.Item
                  name={[f.name, 'motion']}
                  rules={[{ required: true, whitespace: true, message: '请填写表决事项' }]}
                  style={{ marginBottom: 0 }}
                >
                  <Input maxLength={200} placeholder="表决事项" />
                </Form.Item>
              </Col>
              {(
                [
                  ['for', '赞成'],
                  ['against', '反对'],
                  ['abstain', '弃权'],
                ] as const
              ).map(([name, label]) => (
                <Col key={name}>
                  <Form.Item name={[f.name, name]} initialValue={0} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} precision={0} prefix={label} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
              ))}
              <Col>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  删除
                </Button>
              </Col>
            </Row>
          ))}
          <div>
            <Button type="dashed" size="small" style={{ marginTop: 8 }} onClick={() => add()}>
              添加表决事项
            </Button>
          </div>
        </div>
      )}
    </Form.List>
  );
}
