import { useParams } from 'react-router';
import { getWorker, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import { WorkerDetailView } from './WorkerDetailView';

/** /console/workers/:workerId — out-of-scope and unknown ids both show the 404 page (the server answers 404). */
export default function WorkerDetailPage() {
  const { workerId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: navItem('workers').path,
    id: workerId,
    search: '',
    queryKey: queryKeys.worker(workerId ?? ''),
    load: (id, signal) => getWorker(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <WorkerDetailView worker={detail.data} onReload={() => void detail.refetch()} />;
}
