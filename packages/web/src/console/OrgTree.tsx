import { Alert, Button, Empty, Input, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { orgApi } from '../api/endpoints';
import type { Org } from '../api/types';
import { LinkButton } from '../components/LinkButton';
import { useMe } from '../lib/auth';
import { useSelectedOrg } from './selected-org';

type OrgNode = DataNode & { org: Org };

function OrgTitle({ org }: { org: Org }) {
  return (
    <span title={`${org.name}（${org.typeLabel}，党员 ${org.memberCount} 名）`}>
      {org.name}
      {org.dissolved && (
        <Tag color="default" style={{ marginLeft: 4 }}>
          已撤销
        </Tag>
      )}
    </span>
  );
}

function useSearch(q: string) {
  const [state, setState] = useState<{ items: Org[] | null; error: unknown }>({ items: null, error: null });
  useEffect(() => {
    if (!q) {
      setState({ items: null, error: null });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      orgApi
        .search(q)
        .then((r) => live && setState({ items: r.items, error: null }))
        .catch((error) => live && setState({ items: [], error }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return state;
}

export function OrgTree({ onSelect }: { onSelect: (org: Org | null) => void }) {
  const me = useMe();
  const { org: selected, treeVersion } = useSelectedOrg();
  const [roots, setRoots] = useState<Org[] | null>(null);
  const [children, setChildren] = useState<Record<string, Org[]>>({});
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  const search = useSearch(q.trim());
  const loaded = useRef(children);
  loaded.current = children;

  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await orgApi.roots();
      setRoots(r.items);
      // A single root (the usual case for staff of one organization) opens by itself.
      const only = r.items.length === 1 ? r.items[0] : undefined;
      if (only && only.childCount > 0 && !loaded.current[only.id]) {
        loaded.current = { ...loaded.current, [only.id]: [] };
        setExpanded((keys) => (keys.includes(only.id) ? keys : [...keys, only.id]));
      }
      // Reload what was already open so a change deep in the tree shows without collapsing it.
      const open = Object.keys(loaded.current);
      const fresh = await Promise.all(
        open.map(async (id) => [id, (await orgApi.children(id)).items] as const),
      );
      setChildren(Object.fromEntries(fresh));
    } catch (err) {
      setError(err);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: treeVersion is the signal to reload
  useEffect(() => {
    void load();
  }, [load, treeVersion]);

  const toNode = (org: Org): OrgNode => ({
    key: org.id,
    title: <OrgTitle org={org} />,
    isLeaf: org.childCount === 0,
    org,
    children: children[org.id]?.map(toNode),
  });

  const loadData = async (node: EventDataNode<OrgNode>) => {
    const id = String(node.key);
    if (children[id]) return;
    const r = await orgApi.children(id);
    setChildren((prev) => ({ ...prev, [id]: r.items }));
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Input.Search
        placeholder="搜索组织名称"
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 8 }}
        aria-label="搜索组织"
      />
      {me.orgId === null && !q && (
        <Button
          type={selected === null ? 'primary' : 'text'}
          ghost={selected === null}
          block
          style={{ textAlign: 'left', marginBottom: 4 }}
          onClick={() => onSelect(null)}
        >
          全部组织
        </Button>
      )}
      <div style={{ flex: 1, overflow: 'auto' }} data-testid="org-tree">
        {q ? (
          <SearchResults state={search} onSelect={onSelect} />
        ) : error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(error)}
            action={<LinkButton onClick={() => load()}>重试</LinkButton>}
          />
        ) : roots === null ? (
          <Spin description="正在加载组织…" style={{ width: '100%', padding: 24 }} />
        ) : roots.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有组织" />
        ) : (
          <Tree<OrgNode>
            showLine
            blockNode
            treeData={roots.map(toNode)}
            loadData={loadData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selected ? [selected.id] : []}
            onSelect={(_, info) => onSelect(info.node.org)}
          />
        )}
      </div>
    </div>
  );
}

function SearchResults({
  state,
  onSelect,
}: {
  state: { items: Org[] | null; error: unknown };
  onSelect: (org: Org) => void;
}) {
  if (state.error) return <Alert type="error" showIcon title={errorMessage(state.error)} />;
  if (state.items === null) return <Spin style={{ width: '100%', padding: 24 }} />;
  if (state.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的组织" />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {state.items.map((org) => (
        <Button
          key={org.id}
          type="text"
          block
          style={{ textAlign: 'left', height: 'auto', display: 'block', padding: '6px 8px' }}
          onClick={() => onSelect(org)}
        >
          <div>{org.name}</div>
          <Typography.Text type="secondary">{org.typeLabel}</Typography.Text>
        </Button>
      ))}
    </div>
  );
}
