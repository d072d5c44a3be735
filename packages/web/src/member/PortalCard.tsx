import type { ReactNode } from 'react';
import { card, cardTitle } from './portal-style';

/** antd's Card pulls in Tabs, Dropdown and Menu; the portal keeps its first load small without them. */
export function PortalCard({ title, children }: { title?: ReactNode; children: ReactNode }) {
  return (
    <section style={card}>
      {title && <h2 style={cardTitle}>{title}</h2>}
      {children}
    </section>
  );
}
