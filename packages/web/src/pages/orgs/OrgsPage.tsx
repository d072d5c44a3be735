import { useQuery } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { usePageTitle } from '../../lib/title';
import { OrgFormModal } from './OrgFormModal';
import { OrgTable } from './OrgTable';
import { OrgView } from './OrgView';

function TopLevel() {
  const { refreshTree } = useSelectedOrg();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const roots = useQuery({ queryKey: keys.orgs.roots, queryFn: orgApi.roots });
  return (
    <Card
      title="全部顶层组织"
      extra={
        roots.data?.abilities.createRoot && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建顶层组织
          </Button>
        )
      }
    >
      <QueryState query={roots}>{(d) => <OrgTable items={d.items} />}</QueryState>
      {creating && (
        <OrgFormModal
          open
          parent={null}
          onClose={() => setCreating(false)}
          onSaved={(org) => {
            setCreating(false);
            refreshTree();
            navigate(`/orgs/${org.id}`);
          }}
        />
      )}
    </Card>
  );
}

export default function OrgsPage() {
  const { id } = useParams();
  const { org: selected } = useSelectedOrg();
  const q = useQuery({
    queryKey: keys.orgs.detail(id),
    queryFn: () => orgApi.get(id!),
    enabled: Boolean(id),
  });
  usePageTitle(id && q.data ? `${q.data.name} - 组织管理` : '组织管理');
  if (!id) {
    if (selected) return <Navigate to={`/orgs/${selected.id}`} replace />;
    return <TopLevel />;
  }
  return <QueryState query={q}>{(org) => <OrgView org={org} />}</QueryState>;
}
