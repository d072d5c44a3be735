import { useEffect } from 'react';

export const SYSTEM_NAME = '党建信息管理系统';

export function usePageTitle(title: string, suffix = SYSTEM_NAME) {
  useEffect(() => {
    document.title = title ? `${title} - ${suffix}` : suffix;
  }, [title, suffix]);
}
