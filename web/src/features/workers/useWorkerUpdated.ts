import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys, type WorkerDetail } from '../../api/endpoints';

/** After a change: keep the server's answer as the detail, and let lists and counts reload. */
export function useWorkerUpdated() {
  const queryClient = useQueryClient();
  return useCallback(
    (worker: WorkerDetail) => {
      queryClient.setQueryData(queryKeys.worker(worker.id), worker);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.workers,
        predicate: (q) => q.queryKey[1] !== 'detail',
      });
    },
    [queryClient],
  );
}
