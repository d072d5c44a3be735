import { useState } from 'react';
import { meApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { InboxItem } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { QueryState } from '../../components/QueryState';
import { formatTime } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { muted, useInbox } from './portal-mobility';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function Message({ item }: { item: InboxItem }) {
  const [open, setOpen] = useState(false);
  // A failure leaves the message unread and says nothing: the next visit marks it again.
  const markRead = useFormMutation({ mutate: meApi.markRead, invalidate: [keys.me.inbox] });
  const toggle = () => {
    setOpen((o) => !o);
    if (!item.readAt) markRead.submit(item.id);
  };
  return (
    <div style={{ borderBottom: '1px solid #f0f0f0' }}>
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        style={{
          all: 'unset',
          boxSizing: 'border-box',
          display: 'flex',
          width: '100%',
          minHeight: 52,
          alignItems: 'center',
          gap: 8,
          cursor: 'pointer',
          padding: '8px 0',
        }}
      >
        <span
          aria-hidden
          style={{
            width: 8,
            height: 8,
            borderRadius: 4,
            background: item.readAt ? 'transparent' : '#c8161d',
            flex: 'none',
          }}
        />
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'block', fontWeight: item.readAt ? 400 : 600 }}>
            {item.title}
            {!item.readAt && <span style={visuallyHidden}>（未读）</span>}
          </span>
          <span style={{ ...muted, display: 'block' }}>{formatTime(item.createdAt)}</span>
        </span>
        <span style={muted}>{open ? '收起' : '查看'}</span>
      </button>
      {open && <p style={{ margin: '0 0 12px 16px' }}>{item.body}</p>}
    </div>
  );
}

export function MyInbox() {
  usePageTitle('我的提醒', PORTAL_NAME);
  const inbox = useInbox();
  return (
    <QueryState query={inbox}>
      {(d) => (
        <PortalCard title="我的提醒">
          {d.items.length === 0 ? (
            <p style={{ ...muted, margin: 0 }} data-testid="inbox-empty">
              暂无提醒。思想汇报、组织生活快到期时，会在这里提醒您。
            </p>
          ) : (
            <div data-testid="inbox-list">
              {d.items.map((i) => (
                <Message key={i.id} item={i} />
              ))}
            </div>
          )}
        </PortalCard>
      )}
    </QueryState>
  );
}
