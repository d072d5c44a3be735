import type { CSSProperties, ReactNode } from 'react';

/**
 * Print rules for a page of the console: the page size of the paper it replaces (the 外出党员登记簿
 * is an A4 landscape book), the console's chrome and the page's own controls (class `no-print`)
 * left off, black lines on white.
 */
export function PrintStyle({ landscape = false }: { landscape?: boolean }) {
  return (
    <style>{`
@media print {
  @page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm 10mm; }
  html, body { background: #fff !important; }
  .ant-layout-header, .ant-layout-sider, .ant-tabs-nav, .no-print,
  .ant-layout-content > .ant-typography:first-child { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .print-sheet { box-shadow: none !important; border: 0 !important; padding: 0 !important; }
  .print-table tr { break-inside: avoid; }
  .print-table thead { display: table-header-group; }
}
.print-table { border-collapse: collapse; width: 100%; font-size: 13px; }
.print-table th, .print-table td { border: 1px solid #333; padding: 4px 6px; text-align: left; vertical-align: top; }
.print-table th { background: #fafafa; font-weight: 600; white-space: nowrap; }
@media print { .print-table { font-size: 10.5pt; } .print-table th { background: #fff; } }
`}</style>
  );
}

const sheet: CSSProperties = { background: '#fff', padding: 24, borderRadius: 8 };

/** The printed page itself: a title, the lines that say whose and as of when, then the content. */
export function PrintSheet({
  title,
  meta,
  children,
}: {
  title: string;
  meta: ReactNode[];
  children: ReactNode;
}) {
  return (
    <section className="print-sheet" style={sheet}>
      <h1 style={{ textAlign: 'center', fontSize: 22, margin: '0 0 8px' }}>{title}</h1>
      <div
        data-testid="print-meta"
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
          gap: 12,
          margin: '0 0 12px',
        }}
      >
        {meta.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed and never reordered
          <span key={i}>{m}</span>
        ))}
      </div>
      {children}
    </section>
  );
}
