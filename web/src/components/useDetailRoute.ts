import { type QueryKey, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { isUuid } from './tableDefaults';

/**
 * A list page whose detail opens at its own URL (`/console/users/:id`): loads the record, tells whether the page
 * should show "not found" (malformed id, 404 or 400 from the server), and opens/closes the detail while keeping the
 * list's filters in the query string.
 */
export function useDetailRoute<T>(options: {
  basePath: string;
  id: string | undefined;
  search: string;
  queryKey: QueryKey;
  load: (id: string, signal: AbortSignal) => Promise<T>;
}) {
  const navigate = useNavigate();
  const { id, basePath, search } = options;
  const detail = useQuery({
    queryKey: options.queryKey,
    queryFn: ({ signal }) => options.load(id ?? '', signal),
    enabled: isUuid(id),
  });
  const notFound =
    id !== undefined && (!isUuid(id) || (isApiError(detail.error) && [400, 404].includes(detail.error.status)));
  return {
    detail,
    notFound,
    open: (nextId: string) => void navigate({ pathname: `${basePath}/${nextId}`, search }),
    close: () => void navigate({ pathname: basePath, search }),
  };
}
