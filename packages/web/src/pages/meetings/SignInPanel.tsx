import { Alert, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MeetingDetail, SignInOpened } from '../../api/types';
import { formatTime, parseTime } from '../../lib/format';

function useNow(active: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/**
 * 现场签到 on the meeting room's screen: the code and its QR for the members' phones, the time left,
 * and who has signed in so far (the page refetches the meeting while sign-in is open).
 */
export function SignInPanel({ meeting, opened }: { meeting: MeetingDetail; opened: SignInOpened | null }) {
  const validUntil = opened?.validUntil ?? meeting.signIn?.validUntil ?? null;
  const until = parseTime(validUntil)?.getTime() ?? 0;
  const now = useNow(Boolean(validUntil));
  const open = until > now;
  if (!validUntil) return null;
  const signed = meeting.attendance.filter((r) => r.signedInAt);
  return (
    <Card title="现场签到" style={{ marginTop: 16 }} data-testid="sign-in-panel">
      <Row gutter={24} align="middle">
        {opened && open ? (
          <>
            <Col xs={24} md={8} style={{ textAlign: 'center' }}>
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(opened.qrSvg)}`}
                alt="签到二维码"
                style={{ width: 220, height: 220 }}
                data-testid="sign-in-qr"
              />
              <Typography.Paragraph type="secondary">
                党员用手机扫码，或在党员端输入签到码
              </Typography.Paragraph>
            </Col>
            <Col xs={24} md={8} style={{ textAlign: 'center' }}>
              <Typography.Text type="secondary">签到码</Typography.Text>
              <div
                data-testid="sign-in-code"
                style={{
                  fontSize: 56,
                  fontWeight: 700,
                  letterSpacing: 8,
                  fontFamily: 'monospace',
                  color: '#c8161d',
                }}
              >
                {opened.code}
              </div>
            </Col>
          </>
        ) : (
          <Col xs={24} md={16}>
            <Alert
              type={open ? 'info' : 'warning'}
              showIcon
              title={
                open
                  ? `签到进行中，截止 ${formatTime(validUntil)}。签到码只在开启时显示，如需重新展示请再次开启签到（将生成新的签到码）。`
                  : `签到已于 ${formatTime(validUntil)} 结束。`
              }
            />
          </Col>
        )}
        <Col xs={24} md={8}>
          <Space direction="vertical" size="large">
            {open && (
              <Statistic title="剩余时间" value={countdown(until - now)} data-testid="sign-in-countdown" />
            )}
            <Statistic
              title="已签到"
              value={signed.length}
              suffix={`/ ${meeting.attendance.length} 人`}
              data-testid="signed-in-count"
            />
          </Space>
        </Col>
      </Row>
      {signed.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="signed-in-names">
          已签到：
          {signed
            .sort((a, b) => (a.signedInAt ?? '').localeCompare(b.signedInAt ?? ''))
            .map((r) => `${r.name}（${formatTime(r.signedInAt).slice(11)}）`)
            .join('、')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
