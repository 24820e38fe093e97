import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type ActivitySummary, getActivity, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import { ACTIVITIES_PATH, ProgrammeStatusTag, useStaffAgencies } from './deliveryBits';
import { EditProgrammeModal, programmeFacts, SessionsCard } from './programmes';
import './delivery.css';

function ActivityDetailView({ activity: a, onReload }: { activity: ActivitySummary; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { managed } = useStaffAgencies();
  const [editing, setEditing] = useState(false);
  const canEdit = managed.some((m) => m.id === a.agencyId);
  return (
    <>
      <PageHeader
        title={a.name}
        description={
          <span className="sg-tags">
            {a.theme ? <Typography.Text type="secondary">{a.theme}</Typography.Text> : null}
            <ProgrammeStatusTag status={a.status} />
          </span>
        }
        extra={
          <Space wrap>
            {canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="programme-edit">
                {t('delivery.programme.edit')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(ACTIVITIES_PATH)}>
              {t('delivery.activities.back')}
            </Button>
          </Space>
        }
      />
      <Card className="sg-detail-card" data-testid="programme-overview">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            ...programmeFacts(t, a, t('delivery.activities.lead')),
            { key: 'location', label: t('delivery.location'), children: a.location || t('common.empty') },
            {
              key: 'description',
              label: t('delivery.activities.descriptionField'),
              span: 'filled',
              children: <span className="sg-pre-line">{a.description || t('common.empty')}</span>,
            },
          ]}
        />
      </Card>
      <SessionsCard
        subject={{
          kind: 'activity',
          activityId: a.id,
          name: a.name,
          agencyId: a.agencyId,
          projectId: a.projectId,
          lead: { id: a.leadWorkerId, name: a.leadName },
        }}
        active={a.status === 'active'}
      />
      {canEdit ? (
        <EditProgrammeModal
          programme={{ kind: 'activity', value: a }}
          open={editing}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      ) : null}
    </>
  );
}

/** /console/activities/:activityId — one community activity and its sessions with head counts. */
export default function ActivityDetailPage() {
  const { activityId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: ACTIVITIES_PATH,
    id: activityId,
    search: '',
    queryKey: queryKeys.activity(activityId ?? ''),
    load: (id, signal) => getActivity(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <ActivityDetailView activity={detail.data} onReload={() => void detail.refetch()} />;
}
