import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { memberApi } from '../api/endpoints';
import type { Member } from '../api/types';

/** Pick a member of an organization's subtree by typing part of the name. */
export function MemberPicker({
  orgId,
  value,
  onChange,
  id,
}: {
  orgId?: string;
  value?: string;
  onChange?: (id: string) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Member[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      memberApi
        .list({ orgId, q: q.trim() || undefined, pageSize: 20 })
        .then((r) => live && setItems(r.items))
        .catch(() => live && setItems([]))
        .finally(() => live && setLoading(false));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, orgId]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder="输入姓名搜索党员"
      notFoundContent={loading ? '正在搜索…' : '没有匹配的党员'}
      options={items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName ?? ''}）` }))}
    />
  );
}
