import { useCallback, useState } from 'react';

/** State remembered in localStorage across visits (e.g. chosen table columns). */
export function useLocalState<T>(key: string, fallback: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        localStorage.setItem(key, JSON.stringify(v));
      } catch {
        // Private mode or a full quota: the choice just is not remembered.
      }
    },
    [key],
  );
  return [value, set];
}
