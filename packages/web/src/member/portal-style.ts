import type { CSSProperties } from 'react';

export const PORTAL_NAME = '党员之家';

export const page: CSSProperties = {
  maxWidth: 480,
  margin: '0 auto',
  minHeight: '100vh',
  background: '#f5f5f5',
  display: 'flex',
  flexDirection: 'column',
};

export const header: CSSProperties = {
  background: '#b5151b',
  color: '#fff',
  padding: '14px 16px',
  fontSize: 18,
  fontWeight: 600,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
};

export const body: CSSProperties = { padding: 12, flex: 1 };

export const card: CSSProperties = {
  background: '#fff',
  borderRadius: 10,
  padding: 16,
  boxShadow: '0 1px 3px rgba(0,0,0,.06)',
};

export const cardTitle: CSSProperties = { fontSize: 18, fontWeight: 600, margin: '0 0 12px' };
