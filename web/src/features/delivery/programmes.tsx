import { CalendarOutlined, CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  type DescriptionsProps,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { GROUP_TYPES, PROGRAMME_STATUSES } from '../../../../contracts/api/delivery';
import {
  type ActivitySummary,
  type CreateActivityBody,
  type CreateGroupBody,
  createActivity,
  createGroup,
  type GroupDetail,
  type GroupSummary,
  listActivities,
  listGroups,
  listServiceRecords,
  type ProgrammeListParams,
  type ProgrammeStatus,
  queryKeys,
  type ServiceRecordView,
  type UpdateActivityBody,
  type UpdateGroupBody,
  updateActivity,
  updateGroup,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { sameNamedFields } from '../../components/serverErrors';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { useVersionedSave } from '../../components/useVersionedSave';
import { CommunityItem } from '../residents/residentFormItems';
import { oneOf } from '../workers/workerBits';
import {
  activityPath,
  groupPath,
  NewRecordDrawer,
  ProgrammeStatusTag,
  type RecordMode,
  RecordStatusTag,
  type RecordSubject,
  recordWhen,
  useDeliveryChanged,
  useDeliveryNames,
  useServiceProjects,
  useStaffAgencies,
  useWorkerOptions,
} from './deliveryBits';
import { ServiceRecordDrawer } from './ServiceRecordDrawer';

/*
 * Groups (小组) and community activities (社区活动): the forms an agency manager creates and edits them with, and the
 * sessions card of their detail pages.
 */

type GroupType = GroupDetail['groupType'];

interface ProgrammeValues {
  agencyId?: string;
  projectId?: string;
  name?: string;
  divisionCode?: string;
  leadWorkerId?: string;
  status?: ProgrammeStatus;
  // groups
  groupType?: GroupType;
  goals?: string;
  plannedSessions?: number | null;
  // activities
  theme?: string;
  description?: string;
  location?: string;
}

const GROUP_FIELDS = {
  ...sameNamedFields('agencyId', 'projectId', 'name', 'groupType', 'goals', 'plannedSessions', 'divisionCode'),
  leaderWorkerId: ['leadWorkerId'],
};
const ACTIVITY_FIELDS = sameNamedFields(
  'agencyId',
  'projectId',
  'name',
  'theme',
  'description',
  'divisionCode',
  'location',
  'leadWorkerId',
);

const text = (v: string | undefined) => v?.trim() ?? '';

/** The fields both kinds share, and each kind's own; `agencyId` is chosen on creation only (when there is a choice). */
function ProgrammeFields({
  kind,
  creating,
  agencyId,
  known,
}: {
  kind: 'group' | 'activity';
  creating: boolean;
  agencyId: string | undefined;
  known: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const names = useDeliveryNames();
  const { managed } = useStaffAgencies();
  const projects = useServiceProjects(agencyId);
  const workers = useWorkerOptions({ agencyId, known });
  return (
    <>
      {creating ? (
        <Form.Item
          name="agencyId"
          label={t('delivery.agency')}
          hidden={managed.length < 2}
          rules={[{ required: true, message: t('delivery.programme.agencyRequired') }]}
        >
          <Select options={managed.map((a) => ({ value: a.id, label: a.name }))} data-testid="programme-agency" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('delivery.programme.name')}
        rules={[
          { required: true, whitespace: true, message: t('delivery.programme.nameRequired') },
          { max: 100, message: t('delivery.form.max', { n: 100 }) },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      {kind === 'group' ? (
        <>
          <Form.Item
            name="groupType"
            label={t('delivery.groups.type')}
            rules={[{ required: true, message: t('delivery.groups.typeRequired') }]}
          >
            <Select options={GROUP_TYPES.map((g) => ({ value: g, label: names.groupType(g) }))} />
          </Form.Item>
          <Form.Item
            name="plannedSessions"
            label={t('delivery.groups.plannedSessions')}
            rules={[{ required: true, message: t('delivery.groups.plannedSessionsRequired') }]}
          >
            <InputNumber min={1} max={100} precision={0} className="sg-full-width" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="theme" label={t('delivery.activities.theme')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item
        name="projectId"
        label={t('delivery.project')}
        extra={creating ? t('delivery.programme.projectHint') : t('delivery.programme.projectEditHint')}
      >
        <Select
          allowClear={creating}
          loading={projects.loading}
          placeholder={t('delivery.form.noProject')}
          options={projects.options}
          data-testid="programme-project"
        />
      </Form.Item>
      <CommunityItem prefixes={null} />
      <Form.Item
        name="leadWorkerId"
        label={kind === 'group' ? t('delivery.groups.leader') : t('delivery.activities.lead')}
        rules={[{ required: true, message: t('delivery.programme.leadRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={workers.loading}
          options={workers.options}
          data-testid="programme-lead"
        />
      </Form.Item>
      {kind === 'activity' ? (
        <Form.Item name="location" label={t('delivery.location')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
      <Form.Item
        name={kind === 'group' ? 'goals' : 'description'}
        label={kind === 'group' ? t('delivery.groups.goals') : t('delivery.activities.descriptionField')}
        rules={[{ max: 4000, message: t('delivery.form.max', { n: 4000 }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      {creating ? null : (
        <Form.Item name="status" label={t('delivery.status')} extra={t('delivery.programme.statusHint')}>
          <Select options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`delivery.programmeStatus.${s}`) }))} />
        </Form.Item>
      )}
    </>
  );
}

function groupBody(v: ProgrammeValues): CreateGroupBody {
  return {
    agencyId: v.agencyId ?? '',
    projectId: v.projectId || undefined,
    name: text(v.name),
    groupType: v.groupType ?? 'support',
    goals: text(v.goals),
    plannedSessions: v.plannedSessions ?? 0,
    divisionCode: v.divisionCode ?? '',
    leaderWorkerId: v.leadWorkerId ?? '',
  };
}

function activityBody(v: ProgrammeValues): CreateActivityBody {
  return {
    agencyId: v.agencyId ?? '',
    projectId: v.projectId || undefined,
    name: text(v.name),
    theme: text(v.theme),
    description: text(v.description),
    divisionCode: v.divisionCode ?? '',
    location: text(v.location),
    leadWorkerId: v.leadWorkerId ?? '',
  };
}

/** 新建小组 / 新建社区活动, for agency managers; the new one opens once created. */
export function CreateProgrammeModal({
  kind,
  open,
  onClose,
  onCreated,
}: {
  kind: 'group' | 'activity';
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useDeliveryChanged();
  const { managed } = useStaffAgencies();
  const [form] = Form.useForm<ProgrammeValues>();
  const agencyId = Form.useWatch('agencyId', form);
  return (
    <FormModal<ProgrammeValues, GroupDetail | ActivitySummary>
      open={open}
      onClose={onClose}
      title={kind === 'group' ? t('delivery.groups.createTitle') : t('delivery.activities.createTitle')}
      okText={t('common.create')}
      name={kind === 'group' ? 'create-group' : 'create-activity'}
      form={form}
      initialValues={{ agencyId: managed[0]?.id }}
      submit={(v) => (kind === 'group' ? createGroup(groupBody(v)) : createActivity(activityBody(v)))}
      onSuccess={(created) => {
        changed();
        message.success(t('delivery.programme.created', { name: created.name }));
        onCreated(created.id);
      }}
      fieldMap={kind === 'group' ? GROUP_FIELDS : ACTIVITY_FIELDS}
    >
      <ProgrammeFields kind={kind} creating agencyId={agencyId ?? managed[0]?.id} known={[]} />
    </FormModal>
  );
}

type Programme = { kind: 'group'; value: GroupDetail } | { kind: 'activity'; value: ActivitySummary };

function startValues(p: Programme): ProgrammeValues {
  const v = p.value;
  const base = {
    projectId: v.projectId ?? undefined,
    name: v.name,
    divisionCode: v.divisionCode,
    status: v.status,
  };
  return p.kind === 'group'
    ? {
        ...base,
        groupType: p.value.groupType,
        goals: p.value.goals,
        plannedSessions: p.value.plannedSessions,
        leadWorkerId: p.value.leaderWorkerId,
      }
    : {
        ...base,
        theme: p.value.theme,
        description: p.value.description,
        location: p.value.location,
        leadWorkerId: p.value.leadWorkerId,
      };
}

/** Only what changed goes to the server (the audit log lists it), with the version read. */
function changes(p: Programme, v: ProgrammeValues): UpdateGroupBody | UpdateActivityBody {
  const before = startValues(p);
  const body: Record<string, unknown> = { version: p.value.version };
  const set = (key: string, next: unknown, prev: unknown) => {
    if (next !== undefined && next !== prev) body[key] = next;
  };
  set('name', text(v.name), before.name);
  set('projectId', v.projectId || undefined, before.projectId);
  set('divisionCode', v.divisionCode, before.divisionCode);
  set('status', v.status, before.status);
  if (p.kind === 'group') {
    set('groupType', v.groupType, before.groupType);
    set('goals', text(v.goals), before.goals);
    set('plannedSessions', v.plannedSessions ?? undefined, before.plannedSessions);
    set('leaderWorkerId', v.leadWorkerId, before.leadWorkerId);
  } else {
    set('theme', text(v.theme), before.theme);
    set('description', text(v.description), before.description);
    set('location', text(v.location), before.location);
    set('leadWorkerId', v.leadWorkerId, before.leadWorkerId);
  }
  return body as UpdateGroupBody | UpdateActivityBody;
}

function EditProgrammeForm({
  programme,
  onClose,
  onReload,
}: {
  programme: Programme;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const changed = useDeliveryChanged();
  const [form] = Form.useForm<ProgrammeValues>();
  const p = programme.value;
  const lead =
    programme.kind === 'group'
      ? { id: programme.value.leaderWorkerId, name: programme.value.leaderName }
      : { id: programme.value.leadWorkerId, name: programme.value.leadName };
  const save = useVersionedSave<ProgrammeValues, UpdateGroupBody | UpdateActivityBody, GroupDetail | ActivitySummary>({
    form,
    changes: (v) => changes(programme, v),
    save: (body) =>
      programme.kind === 'group' ? updateGroup(p.id, body as UpdateGroupBody) : updateActivity(p.id, body),
    onSaved: () => {
      changed(p.projectId);
      onClose();
    },
    fieldMap: programme.kind === 'group' ? GROUP_FIELDS : ACTIVITY_FIELDS,
  });
  return (
    <>
      <StaleVersionAlert message={save.stale} onReload={onReload} />
      <FormErrorAlert messages={save.errors} />
      <Form<ProgrammeValues>
        form={form}
        name={programme.kind === 'group' ? 'edit-group' : 'edit-activity'}
        layout="vertical"
        initialValues={startValues(programme)}
        onFinish={save.submit}
      >
        <ProgrammeFields kind={programme.kind} creating={false} agencyId={p.agencyId} known={[lead]} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.saving} disabled={!!save.stale}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** 编辑: a modal holding the versioned edit form (a stale version offers a reload). */
export function EditProgrammeModal({
  programme,
  open,
  onClose,
  onReload,
}: {
  programme: Programme;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('delivery.programme.editTitle', { name: programme.value.name })}
      footer={null}
      destroyOnHidden
    >
      <EditProgrammeForm key={programme.value.version} programme={programme} onClose={onClose} onReload={onReload} />
    </Modal>
  );
}

// ---- sessions ---------------------------------------------------------------------------------------------------

/** A group's or activity's sessions (its service records), with 安排 (plan ahead) and 登记 (record as held). */
export function SessionsCard({
  subject,
  active,
}: {
  subject: Exclude<RecordSubject, { kind: 'visit' }>;
  active: boolean;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState<RecordMode | null>(null);
  const params = {
    groupId: subject.kind === 'group_session' ? subject.groupId : undefined,
    activityId: subject.kind === 'activity' ? subject.activityId : undefined,
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: queryKeys.serviceRecordList(params),
    queryFn: ({ signal }) => listServiceRecords(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const isGroup = subject.kind === 'group_session';
  return (
    <Card
      className="sg-detail-card"
      data-testid="programme-sessions"
      title={
        <Typography.Title level={2} className="sg-card-title">
          {isGroup ? t('delivery.groups.sessions') : t('delivery.activities.sessions')}
        </Typography.Title>
      }
      extra={
        active ? (
          <Space wrap>
            <Button icon={<CalendarOutlined />} onClick={() => setAdding('schedule')} data-testid="session-schedule">
              {t('delivery.programme.schedule')}
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              onClick={() => setAdding('now')}
              data-testid="session-record"
            >
              {t('delivery.programme.record')}
            </Button>
          </Space>
        ) : null
      }
    >
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ServiceRecordView>
          rowKey="id"
          size="small"
          data-testid="session-table"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), className: 'sg-clickable-row' })}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('delivery.programme.noSessions')}</Typography.Text>,
          }}
          columns={[
            {
              title: t('delivery.records.when'),
              key: 'when',
              className: 'sg-nowrap',
              render: (_, r) => (
                <Button
                  type="link"
                  className="sg-link-cell"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpenId(r.id);
                  }}
                >
                  {recordWhen(r, formatDateTime)}
                </Button>
              ),
            },
            {
              title: t('delivery.status'),
              key: 'status',
              dataIndex: 'status',
              className: 'sg-nowrap',
              render: (status: ServiceRecordView['status']) => <RecordStatusTag status={status} />,
            },
            isGroup
              ? {
                  title: t('delivery.groups.attendance'),
                  key: 'attendance',
                  className: 'sg-nowrap',
                  render: (_, r) =>
                    r.status === 'completed'
                      ? t('delivery.groups.attendanceValue', {
                          present: r.attendees.filter((a) => a.present).length,
                          total: r.attendees.length,
                        })
                      : t('common.empty'),
                }
              : {
                  title: t('delivery.activities.headCount'),
                  key: 'count',
                  dataIndex: 'participantCount',
                  align: 'right' as const,
                  render: (n: number, r) => (r.status === 'completed' ? n : t('common.empty')),
                },
            {
              title: t('delivery.workers'),
              key: 'workers',
              render: (_, r) => r.workers.map((w) => w.name).join(t('common.listSeparator')),
            },
          ]}
        />
      )}
      <ServiceRecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
      <NewRecordDrawer
        subject={subject}
        mode={adding ?? 'now'}
        open={adding !== null}
        onClose={() => setAdding(null)}
      />
    </Card>
  );
}

// ---- the list pages -------------------------------------------------------------------------------------------------

const LIST_FILTERS = ['q', 'status'] as const;

type ProgrammeRow = GroupSummary | ActivitySummary;

/** 小组 and 社区活动 lists: search by name, filter by status; managers create new ones here. */
export function ProgrammeListPage({ kind }: { kind: 'group' | 'activity' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const names = useDeliveryNames();
  const { managed } = useStaffAgencies();
  const { filters, page, pageSize, setFilters, resetFilters, setPage } = useListParams(LIST_FILTERS);
  const [q, setQ] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const params: ProgrammeListParams = {
    q: filters.q,
    status: oneOf(PROGRAMME_STATUSES, filters.status),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: kind === 'group' ? queryKeys.groupList(params) : queryKeys.activityList(params),
    queryFn: ({ signal }): Promise<{ items: ProgrammeRow[]; total: number }> =>
      kind === 'group' ? listGroups(params, { signal }) : listActivities(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const pathOf = kind === 'group' ? groupPath : activityPath;
  const prefix = kind === 'group' ? 'delivery.groups' : 'delivery.activities';

  const columns: TableColumnsType<ProgrammeRow> = [
    {
      title: t('delivery.programme.name'),
      key: 'name',
      dataIndex: 'name',
      render: (name: string, r) => <Link to={pathOf(r.id)}>{name}</Link>,
    },
    kind === 'group'
      ? {
          title: t('delivery.groups.type'),
          key: 'type',
          className: 'sg-nowrap',
          render: (_, r) => ('groupType' in r ? <Tag>{names.groupType(r.groupType)}</Tag> : null),
        }
      : {
          title: t('delivery.activities.theme'),
          key: 'theme',
          render: (_, r) => ('theme' in r && r.theme ? r.theme : t('common.empty')),
        },
    {
      title: t('delivery.project'),
      key: 'project',
      dataIndex: 'projectName',
      render: (name: string | null) => name ?? t('delivery.noProject'),
    },
    { title: t('delivery.community'), key: 'division', dataIndex: 'divisionName', className: 'sg-nowrap' },
    {
      title: kind === 'group' ? t('delivery.groups.leader') : t('delivery.activities.lead'),
      key: 'lead',
      className: 'sg-nowrap',
      render: (_, r) => ('leaderName' in r ? r.leaderName : r.leadName),
    },
    {
      title: t('delivery.programme.sessionsHeld'),
      key: 'sessions',
      className: 'sg-nowrap',
      align: 'right',
      render: (_, r) =>
        'plannedSessions' in r
          ? t('delivery.groups.sessionsOfPlanned', { held: r.sessionsHeld, planned: r.plannedSessions })
          : r.sessionsHeld,
    },
    kind === 'group'
      ? {
          title: t('delivery.groups.members'),
          key: 'members',
          align: 'right',
          render: (_, r) => ('memberCount' in r ? r.memberCount : null),
        }
      : {
          title: t('delivery.programme.participantTotal'),
          key: 'participants',
          align: 'right',
          dataIndex: 'participantTotal',
        },
    {
      title: t('delivery.status'),
      key: 'status',
      dataIndex: 'status',
      className: 'sg-nowrap',
      render: (status: ProgrammeStatus) => <ProgrammeStatusTag status={status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t(`${prefix}.title`)}
        description={t(`${prefix}.intro`)}
        extra={
          managed.length > 0 ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="programme-create"
            >
              {t(`${prefix}.create`)}
            </Button>
          ) : null
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            aria-label={t('delivery.programme.search')}
            placeholder={t('delivery.programme.searchPlaceholder')}
            value={q}
            maxLength={50}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('delivery.status')}
            placeholder={t('delivery.programme.allStatuses')}
            value={params.status}
            options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`delivery.programmeStatus.${s}`) }))}
            onChange={(status?: string) => setFilters({ status })}
          />
          <Button
            onClick={() => {
              setQ('');
              resetFilters();
            }}
          >
            {t('common.reset')}
          </Button>
        </search>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ProgrammeRow>
            data-testid="programme-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            locale={{
              emptyText: (
                <Typography.Text type="secondary">
                  {params.q || params.status ? t('delivery.programme.noMatch') : t(`${prefix}.empty`)}
                </Typography.Text>
              ),
            }}
            columns={columns}
          />
        )}
      </Card>
      {managed.length > 0 ? (
        <CreateProgrammeModal
          kind={kind}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(pathOf(id))}
        />
      ) : null}
    </>
  );
}

/** The facts both detail pages show: project, agency, community, lead worker, sessions and 人次. */
export function programmeFacts(
  t: TFunction,
  p: GroupSummary | ActivitySummary,
  lead: string,
): NonNullable<DescriptionsProps['items']> {
  return [
    {
      key: 'project',
      label: t('delivery.project'),
      children: p.projectId ? (
        <Link to={`${navItem('projects').path}/${p.projectId}`}>{p.projectName}</Link>
      ) : (
        t('delivery.noProject')
      ),
    },
    { key: 'agency', label: t('delivery.agency'), children: p.agencyName },
    { key: 'community', label: t('delivery.community'), children: p.divisionName },
    { key: 'lead', label: lead, children: 'leaderName' in p ? p.leaderName : p.leadName },
    {
      key: 'sessionsHeld',
      label: t('delivery.programme.sessionsHeld'),
      children: (
        <span data-testid="programme-sessions-held" data-value={p.sessionsHeld}>
          {'plannedSessions' in p
            ? t('delivery.groups.sessionsOfPlanned', { held: p.sessionsHeld, planned: p.plannedSessions })
            : p.sessionsHeld}
        </span>
      ),
    },
    {
      key: 'participantTotal',
      label: t('delivery.programme.participantTotal'),
      children: <span data-testid="programme-participant-total">{p.participantTotal}</span>,
    },
  ];
}
