import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

dayjs.locale('zh-cn');

const theme: ThemeConfig = {
  token: { colorPrimary: '#c8161d', borderRadius: 6, fontSize: 14 },
  components: {
    Layout: { headerBg: '#b5151b', headerHeight: 56 },
    Menu: {
      darkItemBg: 'transparent',
      darkItemColor: 'rgba(255,255,255,0.85)',
      darkItemSelectedBg: 'rgba(255,255,255,0.2)',
      darkItemHoverBg: 'rgba(255,255,255,0.12)',
    },
  },
};

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Scope and permission errors will not heal by retrying.
        retry: (count, err) =>
          !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}

export function AppProviders({
  client,
  children,
  large = false,
}: {
  client: QueryClient;
  children: ReactNode;
  large?: boolean;
}) {
  const t: ThemeConfig = large
    ? { ...theme, token: { ...theme.token, fontSize: 16, controlHeight: 44, controlHeightLG: 52 } }
    : theme;
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={zhCN} theme={t}>
        <AntApp message={{ top: 72, maxCount: 3 }}>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
