import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { orgApi } from '../api/endpoints';
import type { Org } from '../api/types';

/** Pick any organization in scope by typing part of its name. */
export function OrgPicker({
  value,
  onChange,
  exclude,
  current,
  placeholder = '输入名称搜索组织',
  id,
}: {
  value?: string;
  onChange?: (id: string) => void;
  exclude?: string;
  /** Shown by name while the search results do not include the chosen organization. */
  current?: { id: string; name: string } | null;
  placeholder?: string;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Org[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      (q.trim() ? orgApi.search(q.trim()) : orgApi.roots())
        .then((r) => live && setItems(r.items))
        .catch(() => live && setItems([]))
        .finally(() => live && setLoading(false));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={placeholder}
      notFoundContent={loading ? '正在搜索…' : '没有匹配的组织'}
      options={[
        ...(current && !items.some((o) => o.id === current.id)
          ? [{ value: current.id, label: current.name }]
          : []),
        ...items
          .filter((o) => o.id !== exclude && !o.dissolved)
          .map((o) => ({ value: o.id, label: `${o.name}（${o.typeLabel}）` })),
      ]}
    />
  );
}
