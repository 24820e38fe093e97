import { ArrowLeftOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { changeGroupMembers, type GroupDetail, getGroup, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import {
  BeneficiarySelect,
  GROUPS_PATH,
  ProgrammeStatusTag,
  useDeliveryChanged,
  useDeliveryNames,
  useStaffAgencies,
} from './deliveryBits';
import { EditProgrammeModal, programmeFacts, SessionsCard } from './programmes';
import './delivery.css';

type Member = GroupDetail['members'][number];

/** 组员: members join (their service consent is checked by the server) and leave; leaving keeps their history. */
function MembersCard({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const changed = useDeliveryChanged();
  const [adding, setAdding] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const active = group.status === 'active';
  const members = useMutation({
    mutationFn: (body: { add?: string[]; remove?: string[] }) => changeGroupMembers(group.id, body),
    onSuccess: (next, body) => {
      queryClient.setQueryData(queryKeys.group(group.id), next);
      changed();
      setError(null);
      setAdding([]);
      message.success(body.add?.length ? t('delivery.groups.membersAdded') : t('delivery.groups.memberRemoved'));
    },
    onError: (e) => setError(isApiError(e) || e instanceof Error ? e.message : String(e)),
  });
  const current = group.members.filter((m) => !m.leftOn).length;
  return (
    <Card
      className="sg-detail-card"
      data-testid="group-members"
      title={
        <Typography.Title level={2} className="sg-card-title">
          {t('delivery.groups.membersTitle', { count: current })}
        </Typography.Title>
      }
    >
      {active ? (
        <div className="sg-delivery-add-members">
          <BeneficiarySelect
            mode="multiple"
            value={adding}
            onChange={setAdding}
            aria-label={t('delivery.groups.addMembers')}
            placeholder={t('delivery.groups.addMembersPlaceholder')}
            data-testid="member-search"
          />
          <Button
            icon={<UserAddOutlined />}
            disabled={adding.length === 0}
            loading={members.isPending}
            onClick={() => members.mutate({ add: adding })}
            data-testid="member-add"
          >
            {t('delivery.groups.addMembers')}
          </Button>
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" className="sg-form-alert" title={error} /> : null}
      <Table<Member>
        rowKey="beneficiaryId"
        size="small"
        dataSource={group.members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('delivery.groups.noMembers')}</Typography.Text> }}
        columns={[
          {
            title: t('delivery.groups.memberName'),
            key: 'name',
            dataIndex: 'name',
            className: 'sg-nowrap',
            render: (name: string, m) => <Link to={`${navItem('beneficiaries').path}/${m.beneficiaryId}`}>{name}</Link>,
          },
          { title: t('delivery.groups.joinedOn'), key: 'joinedOn', dataIndex: 'joinedOn', className: 'sg-nowrap' },
          {
            title: t('delivery.status'),
            key: 'left',
            className: 'sg-nowrap',
            render: (_, m) =>
              m.leftOn ? (
                <Tag>{t('delivery.groups.leftOn', { date: m.leftOn })}</Tag>
              ) : (
                <Tag color="success">{t('delivery.groups.inGroup')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            className: 'sg-nowrap',
            render: (_, m) =>
              active && !m.leftOn ? (
                <Popconfirm
                  title={t('delivery.groups.removeConfirm', { name: m.name })}
                  okText={t('delivery.groups.remove')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => members.mutate({ remove: [m.beneficiaryId] })}
                >
                  <Button size="small" danger aria-label={t('delivery.groups.removeLabel', { name: m.name })}>
                    {t('delivery.groups.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function GroupDetailView({ group: g, onReload }: { group: GroupDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = useDeliveryNames();
  const { managed } = useStaffAgencies();
  const [editing, setEditing] = useState(false);
  const canEdit = managed.some((a) => a.id === g.agencyId);
  return (
    <>
      <PageHeader
        title={g.name}
        description={
          <span className="sg-tags">
            <Tag>{names.groupType(g.groupType)}</Tag>
            <ProgrammeStatusTag status={g.status} />
          </span>
        }
        extra={
          <Space wrap>
            {canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="programme-edit">
                {t('delivery.programme.edit')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(GROUPS_PATH)}>
              {t('delivery.groups.back')}
            </Button>
          </Space>
        }
      />
      <Card className="sg-detail-card" data-testid="programme-overview">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            ...programmeFacts(t, g, t('delivery.groups.leader')),
            {
              key: 'goals',
              label: t('delivery.groups.goals'),
              span: 'filled',
              children: <span className="sg-pre-line">{g.goals || t('common.empty')}</span>,
            },
          ]}
        />
      </Card>
      <MembersCard group={g} />
      <SessionsCard
        subject={{
          kind: 'group_session',
          groupId: g.id,
          name: g.name,
          agencyId: g.agencyId,
          projectId: g.projectId,
          lead: { id: g.leaderWorkerId, name: g.leaderName },
        }}
        active={g.status === 'active'}
      />
      {canEdit ? (
        <EditProgrammeModal
          programme={{ kind: 'group', value: g }}
          open={editing}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      ) : null}
    </>
  );
}

/** /console/groups/:groupId — goals, members and sessions (with attendance) of one group. */
export default function GroupDetailPage() {
  const { groupId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: GROUPS_PATH,
    id: groupId,
    search: '',
    queryKey: queryKeys.group(groupId ?? ''),
    load: (id, signal) => getGroup(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <GroupDetailView group={detail.data} onReload={() => void detail.refetch()} />;
}
