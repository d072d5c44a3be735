import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { monthLabel } from '../../pages/dues/labels';
import { muted, tap } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { useMyDues } from './use-my-dues';

/** The home page's 党费 card: my monthly amount and what I owe now, a tap from paying. */
export function DuesCard() {
  const navigate = useNavigate();
  const q = useMyDues();
  const d = q.data;
  const owed = d?.owed.months ?? [];
  return (
    <PortalCard title="党费">
      {d && (
        <div style={{ marginBottom: 12 }} data-testid="dues-card">
          {d.assessment ? (
            <div>
              每月应交 <b style={{ fontSize: 20 }}>{d.assessment.monthlyAmount}</b> 元
            </div>
          ) : (
            <div style={muted}>本年党费尚未核定</div>
          )}
          {owed.length > 0 ? (
            <div style={{ color: '#cf1322', marginTop: 4 }} data-testid="dues-owed">
              欠交 {owed.length} 个月（{monthLabel(owed[0]!)}起），共 {d.owed.amount} 元
            </div>
          ) : (
            d.assessment && <div style={{ ...muted, marginTop: 4 }}>已交清</div>
          )}
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Button type="primary" style={tap} onClick={() => navigate('/m/dues/pay')}>
          登记交纳
        </Button>
        <Button style={tap} onClick={() => navigate('/m/dues')}>
          我的党费
        </Button>
      </div>
    </PortalCard>
  );
}
