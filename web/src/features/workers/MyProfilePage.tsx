import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { getWorker, listWorkers, queryKeys } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { WorkerDetailView } from './WorkerDetailView';

const OWN = { page: 1, pageSize: 2 };

/**
 * 我的档案: a social worker's own record. For a social worker the talent pool holds exactly their own record, so the
 * list's first (only) entry is it.
 */
export default function MyProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useQuery({
    queryKey: queryKeys.workerList(OWN),
    queryFn: ({ signal }) => listWorkers(OWN, { signal }),
  });
  const ownId = list.data?.total === 1 ? list.data.items[0]?.id : undefined;
  const detail = useQuery({
    queryKey: queryKeys.worker(ownId ?? ''),
    queryFn: ({ signal }) => getWorker(ownId ?? '', { signal }),
    enabled: !!ownId,
  });

  if (list.isPending || (ownId && detail.isPending)) return <FullPageSpin inline />;
  if (list.isError) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  // Someone who also manages an agency sees its workers too: only a record linked to their account is theirs.
  if (!detail.data || detail.data.userId !== me.user.id) {
    return (
      <>
        <PageHeader title={t('nav.myProfile')} />
        <Card>
          <Empty description={list.data.total > 1 ? t('myProfile.ambiguous') : t('myProfile.none')} />
        </Card>
      </>
    );
  }
  return <WorkerDetailView worker={detail.data} title={t('nav.myProfile')} onReload={() => void detail.refetch()} />;
}
