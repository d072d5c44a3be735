import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { meMeetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { useFormMutation } from '../../api/use-form-mutation';
import { usePageTitle } from '../../lib/title';
import { muted, tap } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';

/** API.md sign-in answers, in the words a member at the meeting needs. */
function signInError(e: unknown): string {
  if (!(e instanceof ApiError)) return errorMessage(e);
  if (e.status === 409) return '您已签到，无需重复签到';
  if (e.code === 'SIGN_IN_CLOSED') return '签到已结束，请向会议记录人说明情况';
  if (e.code === 'NOT_AN_ATTENDEE') return '您不是这次会议的应参会党员，不能签到';
  if (e.status === 404) return '签到码无效，请核对会场显示的 6 位数字';
  return errorMessage(e);
}

/**
 * 签到: the QR code on the meeting's screen opens /m/sign-in?code=…, which fills the code in; otherwise
 * the member types the six digits. Only the member's own account signs in (nobody signs for another).
 */
export default function SignInPage() {
  usePageTitle('会议签到', PORTAL_NAME);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(() => (params.get('code') ?? '').replace(/\D/g, '').slice(0, 6));
  const [done, setDone] = useState(false);
  const { busy, error, submit, reset } = useFormMutation({
    mutate: (c: string) => meMeetingsApi.signIn(c),
    success: '签到成功',
    invalidate: [keys.me.all],
    onDone: () => setDone(true),
  });
  if (done) {
    return (
      <PortalCard title="会议签到">
        <Alert type="success" showIcon data-testid="sign-in-done" title="签到成功，已记为出席" />
        <Button
          block
          type="primary"
          style={{ ...tap, marginTop: 16 }}
          onClick={() => navigate('/m/meetings')}
        >
          查看我的会议
        </Button>
      </PortalCard>
    );
  }
  return (
    <PortalCard title="会议签到">
      <p style={{ ...muted, marginTop: 0 }}>扫描会场的二维码，或输入会场显示的 6 位签到码。</p>
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sign-in-error"
          title={signInError(error)}
        />
      ) : null}
      <Input
        aria-label="签到码"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => {
          setCode(e.target.value.replace(/\D/g, '').slice(0, 6));
          reset();
        }}
        placeholder="6 位数字"
        style={{ fontSize: 28, letterSpacing: 8, textAlign: 'center', height: 60 }}
      />
      <Button
        type="primary"
        block
        style={{ ...tap, marginTop: 16 }}
        loading={busy}
        disabled={code.length !== 6}
        onClick={() => submit(code)}
      >
        签到
      </Button>
    </PortalCard>
  );
}
