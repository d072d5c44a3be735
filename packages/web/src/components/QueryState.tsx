import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';

export function PageLoading({ error }: { error?: unknown }) {
  if (error) return <ErrorState error={error} />;
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" description="正在加载…">
        <div style={{ height: 48 }} />
      </Spin>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Result
      status={notFound ? '404' : forbidden ? '403' : 'error'}
      title={notFound ? '未找到' : forbidden ? '没有权限' : '加载失败'}
      subTitle={notFound ? '记录不存在，或不在您的管理范围内' : errorMessage(error)}
      extra={onRetry && !notFound && !forbidden ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

/** Loading, error and empty states of one query, in one place. */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { data: T | undefined; isLoading: boolean; error: unknown; refetch: () => unknown };
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isLoading) return <PageLoading />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data === undefined) return <PageLoading />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description="暂无数据" />}</>;
  return <>{children(query.data)}</>;
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />;
}
