import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function clampInt(raw: string | null, min: number, max: number, fallback: number): number {
  const n = Number(raw);
  if (!raw || !Number.isInteger(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/**
 * Filters and pagination of a list page, kept in the URL's query string so that reloading, sharing a link and the
 * back button all keep the view.
 */
export function useListParams<K extends string>(filterKeys: readonly K[]) {
  const [params, setParams] = useSearchParams();

  const keysId = filterKeys.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keysId stands for filterKeys
  const filters = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of filterKeys) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params, keysId]);

  const page = clampInt(params.get('page'), 1, 100_000, 1);
  const pageSize = clampInt(params.get('pageSize'), 1, 200, DEFAULT_PAGE_SIZE);

  /** Changes filters and goes back to page 1. */
  const setFilters = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as [string, string | null | undefined][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const resetFilters = useCallback(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const key of keysId.split(',')) next.delete(key);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [setParams, keysId]);

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (nextPageSize !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(nextPageSize));
        else next.delete('pageSize');
        if (nextPage > 1) next.set('page', String(nextPage));
        else next.delete('page');
        return next;
      });
    },
    [setParams],
  );

  return { filters, page, pageSize, setFilters, resetFilters, setPage, search: params.toString() };
}
