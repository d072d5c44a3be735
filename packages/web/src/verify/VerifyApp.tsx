import { type CSSProperties, type FormEvent, useCallback, useEffect, useState } from 'react';
import type { LetterVerification } from '../api/types';

/**
 * 证明核验: what a person reaches from the code or QR on a 流动党员活动证 or a letter. No login, no UI
 * library: it has to open fast on any phone (the type import above is erased from the bundle). Only
 * what verification needs is shown (the name masked).
 */

type State =
  | { phase: 'idle' }
  | { phase: 'loading'; code: string }
  | { phase: 'found'; code: string; v: LetterVerification }
  | { phase: 'missing'; code: string }
  | { phase: 'error'; code: string; message: string };

const kinds: Record<string, string> = {
  activity_certificate: '流动党员活动证',
  membership_certificate_letter: '党员证明信',
  transfer_letter: '组织关系介绍信',
};
const statuses: Record<string, string> = {
  issued: '有效',
  revoked: '已作废',
  expired: '已过期',
  accepted: '已被接收',
  returned: '已退回',
};

const RED = '#b5151b';
const s: Record<string, CSSProperties> = {
  page: {
    maxWidth: 480,
    margin: '0 auto',
    minHeight: '100vh',
    background: '#f5f5f5',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
    color: '#1f1f1f',
    fontSize: 16,
  },
  header: { background: RED, color: '#fff', padding: '14px 16px', fontSize: 18, fontWeight: 600 },
  body: { padding: 12, display: 'flex', flexDirection: 'column', gap: 12 },
  card: { background: '#fff', borderRadius: 10, padding: 16, boxShadow: '0 1px 3px rgba(0,0,0,.06)' },
  label: { display: 'block', fontWeight: 600, marginBottom: 8 },
  row: { display: 'flex', gap: 8 },
  input: {
    flex: 1,
    minWidth: 0,
    height: 48,
    fontSize: 18,
    letterSpacing: 1,
    padding: '0 12px',
    border: '1px solid #d9d9d9',
    borderRadius: 8,
    textTransform: 'uppercase',
  },
  button: {
    height: 48,
    minWidth: 88,
    fontSize: 17,
    border: 0,
    borderRadius: 8,
    background: RED,
    color: '#fff',
    cursor: 'pointer',
  },
  hint: { color: '#8c8c8c', fontSize: 14, margin: '8px 0 0' },
  dl: { display: 'grid', gridTemplateColumns: '6em 1fr', rowGap: 8, margin: '12px 0 0' },
  dt: { color: '#8c8c8c' },
  dd: { margin: 0, wordBreak: 'break-all' },
};

const normalise = (code: string) => code.trim().toUpperCase().replace(/\s+/g, '');

function codeFromPath(): string {
  const m = /^\/verify\/([^/?#]+)/.exec(window.location.pathname);
  return m?.[1] ? normalise(decodeURIComponent(m[1])) : '';
}

function Result({ state }: { state: State }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'loading') {
    return (
      <section style={s.card} aria-live="polite">
        正在核验…
      </section>
    );
  }
  if (state.phase === 'error') {
    return (
      <section style={s.card} role="alert">
        <b style={{ color: '#cf1322' }}>暂时无法核验</b>
        <p style={s.hint}>{state.message}</p>
      </section>
    );
  }
  if (state.phase === 'missing') {
    return (
      <section style={{ ...s.card, borderTop: '4px solid #8c8c8c' }} role="alert" data-testid="verify-result">
        <div style={{ fontSize: 22, fontWeight: 700, color: '#595959' }}>✕ 未找到该核验码</div>
        <p style={s.hint}>
          核验码 {state.code} 没有对应的证明。请核对后重新输入（不含数字 0、1 和字母
          O、I、L）；如确认无误，该证明可能不是真实开具的，请与开具单位联系。
        </p>
      </section>
    );
  }
  const { v } = state;
  const color = v.valid ? '#389e0d' : '#cf1322';
  return (
    <section
      style={{ ...s.card, borderTop: `4px solid ${color}` }}
      aria-live="polite"
      data-testid="verify-result"
    >
      <div style={{ fontSize: 22, fontWeight: 700, color }} data-testid="verify-status">
        {v.valid ? '✓ 证明有效' : `✕ ${statuses[v.status] ?? '证明无效'}`}
      </div>
      <p style={s.hint}>
        {v.valid
          ? '该证明由党组织开具，目前有效。请核对持证人与证上信息一致。'
          : '该证明目前无效，不能作为组织关系或参加组织生活的凭证。'}
      </p>
      <dl style={s.dl}>
        <dt style={s.dt}>证明类型</dt>
        <dd style={s.dd}>{kinds[v.kind] ?? v.kind}</dd>
        <dt style={s.dt}>持证人</dt>
        <dd style={s.dd} data-testid="verify-name">
          {v.memberName}
        </dd>
        <dt style={s.dt}>开具单位</dt>
        <dd style={s.dd}>{v.issuedBy}</dd>
        <dt style={s.dt}>开具日期</dt>
        <dd style={s.dd}>{v.issuedOn}</dd>
        <dt style={s.dt}>有效期至</dt>
        <dd style={s.dd}>{v.validUntil}</dd>
        <dt style={s.dt}>状态</dt>
        <dd style={{ ...s.dd, color, fontWeight: 600 }}>{statuses[v.status] ?? v.status}</dd>
        <dt style={s.dt}>核验码</dt>
        <dd style={s.dd}>{state.code}</dd>
      </dl>
    </section>
  );
}

export default function VerifyApp() {
  const [code, setCode] = useState(codeFromPath);
  const [state, setState] = useState<State>({ phase: 'idle' });

  const verify = useCallback(async (raw: string) => {
    const c = normalise(raw);
    if (!c) return;
    window.history.replaceState(null, '', `/verify/${encodeURIComponent(c)}`);
    setState({ phase: 'loading', code: c });
    try {
      const res = await fetch(`/api/public/letters/${encodeURIComponent(c)}`);
      if (res.status === 404) return setState({ phase: 'missing', code: c });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return setState({
          phase: 'error',
          code: c,
          message: body?.error?.message ?? `服务器错误（${res.status}），请稍后再试`,
        });
      }
      setState({ phase: 'found', code: c, v: (await res.json()) as LetterVerification });
    } catch {
      setState({ phase: 'error', code: c, message: '无法连接服务器，请检查网络后重试' });
    }
  }, []);

  useEffect(() => {
    document.title = '证明核验 - 党建信息管理系统';
    const initial = codeFromPath();
    if (initial) void verify(initial);
  }, [verify]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void verify(code);
  };

  return (
    <div style={s.page}>
      <header style={s.header}>党员证明核验</header>
      <main style={s.body}>
        <form style={s.card} onSubmit={submit}>
          <label htmlFor="verify-code" style={s.label}>
            核验码
          </label>
          <div style={s.row}>
            <input
              id="verify-code"
              style={s.input}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="证上二维码下方的编码"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
              inputMode="text"
            />
            <button type="submit" style={s.button} disabled={state.phase === 'loading'}>
              核验
            </button>
          </div>
          <p style={s.hint}>可核验流动党员活动证、党员证明信和组织关系介绍信。无需登录。</p>
        </form>
        <Result state={state} />
      </main>
    </div>
  );
}
