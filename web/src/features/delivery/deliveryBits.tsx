import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GROUP_TYPE_NAMES,
  SERVICE_RECORD_KIND_NAMES,
  type ServiceRecordKind,
} from '../../../../contracts/api/delivery';
import {
  type Beneficiary,
  type CompleteServiceRecordBody,
  type CreateServiceRecordBody,
  completeServiceRecord,
  createServiceRecord,
  type GroupSummary,
  getGroup,
  getProjectIndicators,
  getServiceRecord,
  listBeneficiaries,
  listProjects,
  type ProgrammeStatus,
  queryKeys,
  type ServiceRecordStatus,
  type ServiceRecordView,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { FullPageSpin } from '../../components/FullPageSpin';
import { wallClockToShanghaiIso } from '../../components/format';
import { applyServerErrors, type FieldPath } from '../../components/serverErrors';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { useMediaQuery } from '../../components/useMediaQuery';
import { useCaseVocabulary } from '../cases/caseBits';
import { fromDay, isAfterToday, todayAsDay, todayInShanghai } from '../registry/dates';
import { useColleagues, useMyWorkerId } from '../workers/useColleagues';

/*
 * What the delivery pages (我的工作台, 服务记录, 小组, 社区活动) share: paths, tags, pickers, and the two forms a
 * worker fills in the field — a new record (scheduled, or recorded as held) and the completion of a scheduled one.
 */

export const SERVICE_RECORDS_PATH = navItem('serviceRecords').path;
export const GROUPS_PATH = navItem('groups').path;
export const ACTIVITIES_PATH = navItem('activities').path;
export const groupPath = (id: string) => `${GROUPS_PATH}/${id}`;
export const activityPath = (id: string) => `${ACTIVITIES_PATH}/${id}`;

/** The server's page limit: an agency has fewer projects in service than this. */
const ALL = { page: 1, pageSize: 200 } as const;

/** Forms in a drawer are the full width of a phone's screen. */
export function useDrawerWidth(): number | string {
  return useMediaQuery('(max-width: 575.98px)') ? '100%' : 600;
}

/** Names from the shared contracts (record kinds, group types) in the UI language. */
export function useDeliveryNames() {
  const vocabulary = useCaseVocabulary();
  return useMemo(
    () => ({
      kind: (k: ServiceRecordKind) => vocabulary.name(SERVICE_RECORD_KIND_NAMES[k]),
      groupType: (g: GroupSummary['groupType']) => vocabulary.name(GROUP_TYPE_NAMES[g]),
    }),
    [vocabulary],
  );
}

const KIND_COLORS: Record<ServiceRecordKind, string> = {
  case_session: 'purple',
  visit: 'geekblue',
  group_session: 'blue',
  activity: 'magenta',
};

export function RecordKindTag({ kind }: { kind: ServiceRecordKind }) {
  const names = useDeliveryNames();
  return (
    <Tag color={KIND_COLORS[kind]} data-kind={kind}>
      {names.kind(kind)}
    </Tag>
  );
}

const STATUS_COLORS: Record<ServiceRecordStatus, string> = {
  scheduled: 'processing',
  completed: 'success',
  voided: 'default',
};

export function RecordStatusTag({ status }: { status: ServiceRecordStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} data-testid="record-status">
      {t(`delivery.recordStatus.${status}`)}
    </Tag>
  );
}

export function ProgrammeStatusTag({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'success' : 'default'} data-status={status}>
      {t(`delivery.programmeStatus.${status}`)}
    </Tag>
  );
}

/** The agencies the user manages, or works for as a social worker (`organizationId` + name). */
export function useStaffAgencies() {
  const me = useMe();
  return useMemo(() => {
    const pick = (roles: readonly string[]) => {
      const byId = new Map<string, { id: string; name: string }>();
      for (const m of me.memberships)
        if (roles.includes(m.role)) byId.set(m.organizationId, { id: m.organizationId, name: m.organizationName });
      return [...byId.values()];
    };
    return {
      managed: pick(['agency_manager']),
      staff: pick(['agency_manager', 'social_worker']),
    };
  }, [me]);
}

/** After a record or programme changes: my work, lists, programmes and the project's indicators are read again. */
export function useDeliveryChanged() {
  const queryClient = useQueryClient();
  return (projectId?: string | null) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.delivery });
    if (projectId) void queryClient.invalidateQueries({ queryKey: queryKeys.projectPart(projectId, 'indicators') });
  };
}

/** `2026-05-04` for a held record, the planned time for a scheduled one. */
export function recordWhen(r: Pick<ServiceRecordView, 'heldOn' | 'scheduledAt'>, format: (iso: string) => string) {
  if (r.heldOn) return r.heldOn;
  return r.scheduledAt ? format(r.scheduledAt) : '—';
}

// ---- pickers ----------------------------------------------------------------------------------------------------

/** Projects of an agency that records may count toward now (in service). */
export function useServiceProjects(agencyId: string | undefined, enabled = true) {
  const params = { status: 'in_service' as const, ...ALL };
  const projects = useQuery({
    queryKey: queryKeys.projectList(params),
    queryFn: ({ signal }) => listProjects(params, { signal }),
    enabled,
  });
  const options = (projects.data?.items ?? [])
    .filter((p) => !agencyId || p.agencyId === agencyId)
    .map((p) => ({ value: p.id, label: `${p.title}（${p.code}）` }));
  return { options, loading: projects.isFetching };
}

/**
 * Whom a record or programme can name as its workers: the agency's current workers, and those it already names
 * (`known`: a lead worker who has since left the agency still shows by name). The server checks each one.
 */
export function useWorkerOptions({
  agencyId,
  known = [],
  enabled = true,
}: {
  agencyId: string | undefined;
  known?: readonly { id: string; name: string }[];
  enabled?: boolean;
}) {
  const colleagues = useColleagues(agencyId, { enabled });
  const myWorkerId = useMyWorkerId(agencyId, enabled);
  const knownKey = known.map((k) => `${k.id}:${k.name}`).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: knownKey stands for known
  const options = useMemo(() => {
    const missing = known.filter((k) => !colleagues.options.some((o) => o.value === k.id));
    if (missing.length === 0) return colleagues.options;
    return [...colleagues.options, ...missing.map((k) => ({ value: k.id, label: k.name }))].sort((a, b) =>
      a.label.localeCompare(b.label, 'zh-CN'),
    );
  }, [colleagues.options, knownKey]);
  return { options, loading: colleagues.loading, myWorkerId };
}

type BeneficiarySelectProps = {
  id?: string;
  placeholder?: string;
  /** Reports the people picked, e.g. to know the agency serving them. */
  onPick?: (picked: Beneficiary[]) => void;
  'aria-label'?: string;
  'data-testid'?: string;
} & (
  | { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void }
  | { mode?: undefined; value?: string; onChange?: (value: string | undefined) => void }
);

/** 服务对象, searched on the server by name (the first 20 matches among those the user may see). */
export function BeneficiarySelect(props: BeneficiarySelectProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<Map<string, Beneficiary>>(new Map());
  const debounced = useDebouncedValue(q.trim(), 300);
  const params = { q: debounced, page: 1, pageSize: 20 };
  const found = useQuery({
    queryKey: queryKeys.beneficiaryList(params),
    queryFn: ({ signal }) => listBeneficiaries(params, { signal }),
    enabled: debounced.length > 0,
  });
  const items = found.data?.items ?? [];
  const label = (b: Beneficiary) => `${b.name}（${b.idNumberMasked} · ${b.divisionName}）`;
  const selected = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  // The people already picked stay listed (with their labels) while the search shows others.
  const shown = new Map<string, Beneficiary>();
  for (const id of selected) {
    const b = known.get(id);
    if (b) shown.set(id, b);
  }
  for (const b of items) shown.set(b.id, b);

  const change = (next: string | string[] | undefined) => {
    const ids = next === undefined ? [] : Array.isArray(next) ? next : [next];
    const all = new Map(known);
    for (const b of items) all.set(b.id, b);
    setKnown(all);
    props.onPick?.(ids.map((id) => all.get(id)).filter((b): b is Beneficiary => !!b));
    if (props.mode === 'multiple') props.onChange?.(ids);
    else props.onChange?.(ids[0]);
  };

  return (
    <Select<string | string[]>
      id={props.id}
      mode={props.mode}
      value={props.value}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={change}
      loading={found.isFetching}
      placeholder={props.placeholder ?? t('delivery.beneficiarySearch')}
      aria-label={props['aria-label']}
      data-testid={props['data-testid']}
      notFoundContent={debounced ? t('delivery.beneficiaryNone') : t('delivery.beneficiaryTypeName')}
      options={[...shown.values()].map((b) => ({ value: b.id, label: label(b) }))}
    />
  );
}

// ---- the completion fields (both forms) -------------------------------------------------------------------------

/** What a held session records; the names are the server's, dates as Dayjs. */
export interface CompletionValues {
  heldOn?: Dayjs | null;
  durationMinutes?: number | null;
  content?: string;
  outcome?: string;
  presentBeneficiaryIds?: string[];
  participantCount?: number | null;
}

const COMPLETION_FIELDS = [
  'heldOn',
  'durationMinutes',
  'content',
  'outcome',
  'presentBeneficiaryIds',
  'participantCount',
] as const;

/** The server's issue fields → the form's, for the completion (`prefix` is `completed.` in a new record). */
function completionFieldMap(prefix: string): Record<string, FieldPath> {
  return Object.fromEntries(COMPLETION_FIELDS.map((f) => [`${prefix}${f}`, [f]]));
}

function completionBody(kind: ServiceRecordKind, v: CompletionValues) {
  return {
    heldOn: fromDay(v.heldOn) ?? '',
    durationMinutes: v.durationMinutes ?? 0,
    content: v.content?.trim() ?? '',
    outcome: v.outcome?.trim() ?? '',
    presentBeneficiaryIds: kind === 'group_session' ? (v.presentBeneficiaryIds ?? []) : undefined,
    participantCount: kind === 'activity' ? (v.participantCount ?? undefined) : undefined,
  };
}

interface Member {
  beneficiaryId: string;
  name: string;
}

/** 服务日期, 时长, 服务内容, 成效; the members present (group session) or the head count (activity). */
function CompletionFields({ kind, members }: { kind: ServiceRecordKind; members: readonly Member[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="heldOn"
        label={t('delivery.form.heldOn')}
        rules={[{ required: true, message: t('delivery.form.heldOnRequired') }]}
      >
        <DatePicker className="sg-full-width" disabledDate={isAfterToday} inputReadOnly />
      </Form.Item>
      <Form.Item
        name="durationMinutes"
        label={t('delivery.form.durationMinutes')}
        rules={[{ required: true, message: t('delivery.form.durationRequired') }]}
      >
        <InputNumber min={1} max={1440} precision={0} className="sg-full-width" inputMode="numeric" />
      </Form.Item>
      {kind === 'group_session' ? (
        <Form.Item
          name="presentBeneficiaryIds"
          label={t('delivery.form.present')}
          extra={t('delivery.form.presentHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('delivery.form.presentRequired') }]}
        >
          {members.length > 0 ? (
            <Checkbox.Group
              className="sg-delivery-attendance"
              options={members.map((m) => ({ value: m.beneficiaryId, label: m.name }))}
            />
          ) : (
            <Typography.Text type="secondary">{t('delivery.form.noMembers')}</Typography.Text>
          )}
        </Form.Item>
      ) : null}
      {kind === 'activity' ? (
        <Form.Item
          name="participantCount"
          label={t('delivery.form.participantCount')}
          extra={t('delivery.form.participantCountHint')}
          rules={[{ required: true, message: t('delivery.form.participantCountRequired') }]}
        >
          <InputNumber min={1} max={100000} precision={0} className="sg-full-width" inputMode="numeric" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="content"
        label={t('delivery.form.content')}
        rules={[
          { required: true, whitespace: true, message: t('delivery.form.contentRequired') },
          { max: 4000, message: t('delivery.form.max', { n: 4000 }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
      </Form.Item>
      <Form.Item name="outcome" label={t('delivery.form.outcome')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

const completionStart = (): CompletionValues => ({ heldOn: todayAsDay(), content: '', outcome: '' });

/** Members who have not left the group: the ones whose attendance is taken. */
function useActiveMembers(groupId: string | null | undefined, enabled: boolean) {
  const group = useQuery({
    queryKey: queryKeys.group(groupId ?? ''),
    queryFn: ({ signal }) => getGroup(groupId ?? '', { signal }),
    enabled: enabled && !!groupId,
  });
  const members = useMemo(() => (group.data?.members ?? []).filter((m) => !m.leftOn), [group.data]);
  return { group, members };
}

/**
 * When the project has more than one indicator of the record's count kind (小组 / 社区活动), which one the record
 * counts toward (the server asks for it then).
 */
function useCountIndicators(projectId: string | null | undefined, kind: ServiceRecordKind, enabled: boolean) {
  const countKind = kind === 'group_session' ? 'groups' : kind === 'activity' ? 'activities' : null;
  const indicators = useQuery({
    queryKey: queryKeys.projectPart(projectId ?? '', 'indicators'),
    queryFn: ({ signal }) => getProjectIndicators(projectId ?? '', { signal }),
    enabled: enabled && !!projectId && !!countKind,
  });
  return (indicators.data?.indicators ?? []).filter((i) => i.kind === countKind);
}

// ---- 登记完成: a scheduled record recorded as held ------------------------------------------------------------------

function CompleteForm({ record, onDone }: { record: ServiceRecordView; onDone: (r: ServiceRecordView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useDeliveryChanged();
  const [form] = Form.useForm<CompletionValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const { group, members } = useActiveMembers(record.groupId, true);
  const mutation = useMutation({
    mutationFn: (v: CompletionValues) =>
      completeServiceRecord(record.id, {
        ...completionBody(record.kind, v),
        version: record.version,
      } satisfies CompleteServiceRecordBody),
    onSuccess: (done) => {
      changed(done.projectId);
      message.success(t('delivery.complete.done', { subject: done.subject }));
      onDone(done);
    },
    onError: (error) => {
      changed(record.projectId);
      setErrors(applyServerErrors(form, error, completionFieldMap('')));
    },
  });
  if (record.groupId && group.isPending) return <FullPageSpin inline />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('delivery.complete.intro', { subject: record.subject })}
      </Typography.Paragraph>
      <FormErrorAlert messages={errors} />
      <Form<CompletionValues>
        form={form}
        name="complete-record"
        layout="vertical"
        initialValues={completionStart()}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
        data-testid="complete-form"
      >
        <CompletionFields kind={record.kind} members={members} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="complete-submit">
            {t('delivery.complete.submit')}
          </Button>
          <Button onClick={() => onDone(record)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

function CompleteLoader({ recordId, onClose }: { recordId: string; onClose: () => void }) {
  const record = useQuery({
    queryKey: queryKeys.serviceRecord(recordId),
    queryFn: ({ signal }) => getServiceRecord(recordId, { signal }),
  });
  if (record.isPending) return <FullPageSpin inline />;
  if (record.isError) return <QueryErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  return <CompleteForm key={record.data.version} record={record.data} onDone={onClose} />;
}

/** 登记完成 in a drawer: the record is read first (its group's members, its current version). */
export function CompleteRecordDrawer({ recordId, onClose }: { recordId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  return (
    <Drawer
      open={recordId !== null}
      onClose={onClose}
      title={t('delivery.complete.title')}
      size={width}
      destroyOnHidden
      data-testid="complete-drawer"
    >
      {recordId ? <CompleteLoader recordId={recordId} onClose={onClose} /> : null}
    </Drawer>
  );
}

// ---- a new record: 登记探访, 安排/登记小组节次, 安排/登记活动场次 ----------------------------------------------------

/** What the new record is about: a visit to someone, or a session of a group or activity (its fields fixed). */
export type RecordSubject =
  | { kind: 'visit' }
  | {
      kind: 'group_session';
      groupId: string;
      name: string;
      agencyId: string;
      projectId: string | null;
      lead: { id: string; name: string };
    }
  | {
      kind: 'activity';
      activityId: string;
      name: string;
      agencyId: string;
      projectId: string | null;
      lead: { id: string; name: string };
    };

export type RecordMode = 'schedule' | 'now';

interface NewRecordValues extends CompletionValues {
  mode: RecordMode;
  beneficiaryId?: string;
  projectId?: string;
  indicatorId?: string;
  workerIds?: string[];
  location?: string;
  scheduledAt?: Dayjs | null;
}

const NEW_RECORD_FIELDS: Record<string, FieldPath> = {
  beneficiaryId: ['beneficiaryId'],
  projectId: ['projectId'],
  indicatorId: ['indicatorId'],
  workerIds: ['workerIds'],
  location: ['location'],
  scheduledAt: ['scheduledAt'],
  ...completionFieldMap('completed.'),
};

/** A planned time before now cannot be chosen (the server refuses it). */
const beforeToday = (day: Dayjs) => day.format('YYYY-MM-DD') < todayInShanghai();

function NewRecordForm({
  subject,
  mode: initialMode,
  onDone,
}: {
  subject: RecordSubject;
  mode: RecordMode;
  onDone: (created?: ServiceRecordView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useDeliveryChanged();
  const { staff } = useStaffAgencies();
  const [form] = Form.useForm<NewRecordValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [visitAgencyId, setVisitAgencyId] = useState<string | undefined>(staff[0]?.id);
  const mode = Form.useWatch('mode', form) ?? initialMode;
  const chosenProject = Form.useWatch('projectId', form);
  const agencyId = subject.kind === 'visit' ? visitAgencyId : subject.agencyId;
  const projectId = subject.kind === 'visit' ? chosenProject : subject.projectId;
  const projects = useServiceProjects(agencyId, subject.kind === 'visit');
  const workers = useWorkerOptions({ agencyId, known: subject.kind === 'visit' ? [] : [subject.lead] });
  const { members } = useActiveMembers(subject.kind === 'group_session' ? subject.groupId : null, mode === 'now');
  const indicators = useCountIndicators(projectId, subject.kind, mode === 'now');

  // A social worker usually records their own visit; a session is led by its programme's lead worker.
  const defaultWorker = subject.kind === 'visit' ? workers.myWorkerId : subject.lead.id;
  useEffect(() => {
    if (defaultWorker && !(form.getFieldValue('workerIds') as string[] | undefined)?.length)
      form.setFieldValue('workerIds', [defaultWorker]);
  }, [defaultWorker, form]);

  const mutation = useMutation({
    mutationFn: (v: NewRecordValues) => {
      const body: CreateServiceRecordBody = {
        kind: subject.kind,
        groupId: subject.kind === 'group_session' ? subject.groupId : undefined,
        activityId: subject.kind === 'activity' ? subject.activityId : undefined,
        beneficiaryId: subject.kind === 'visit' ? v.beneficiaryId : undefined,
        projectId: subject.kind === 'visit' ? v.projectId || undefined : undefined,
        indicatorId: v.mode === 'now' && indicators.length > 1 ? v.indicatorId : undefined,
        workerIds: v.workerIds ?? [],
        location: v.location?.trim() ?? '',
        scheduledAt:
          v.mode === 'schedule' && v.scheduledAt
            ? wallClockToShanghaiIso(v.scheduledAt.format('YYYY-MM-DDTHH:mm:00'))
            : undefined,
        completed: v.mode === 'now' ? completionBody(subject.kind, v) : undefined,
      };
      return createServiceRecord(body);
    },
    onSuccess: (created) => {
      changed(created.projectId);
      message.success(
        t(created.status === 'scheduled' ? 'delivery.create.scheduled' : 'delivery.create.recorded', {
          subject: created.subject,
        }),
      );
      onDone(created);
    },
    onError: (error) => setErrors(applyServerErrors(form, error, NEW_RECORD_FIELDS)),
  });

  return (
    <>
      <FormErrorAlert messages={errors} />
      <Form<NewRecordValues>
        form={form}
        name={`new-record-${subject.kind}`}
        layout="vertical"
        initialValues={{ mode: initialMode, ...completionStart(), location: '', workerIds: [] }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
        data-testid="new-record-form"
        data-kind={subject.kind}
      >
        {subject.kind === 'visit' ? (
          <>
            <Form.Item
              name="beneficiaryId"
              label={t('delivery.beneficiary')}
              rules={[{ required: true, message: t('delivery.form.beneficiaryRequired') }]}
            >
              <BeneficiarySelect
                onPick={([b]) => {
                  const own = b?.agencyId && staff.some((a) => a.id === b.agencyId) ? b.agencyId : staff[0]?.id;
                  if (own !== visitAgencyId) {
                    setVisitAgencyId(own);
                    form.setFieldsValue({ projectId: undefined, workerIds: [] });
                  }
                }}
                data-testid="record-beneficiary"
              />
            </Form.Item>
            <Form.Item name="projectId" label={t('delivery.project')} extra={t('delivery.form.projectHint')}>
              <Select
                allowClear
                loading={projects.loading}
                placeholder={t('delivery.form.noProject')}
                options={projects.options}
                data-testid="record-project"
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="workerIds"
          label={t('delivery.workers')}
          rules={[{ required: true, type: 'array', min: 1, message: t('delivery.form.workersRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={workers.loading}
            options={workers.options}
            data-testid="record-workers"
          />
        </Form.Item>
        <Form.Item name="mode" label={t('delivery.form.mode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'schedule', label: t('delivery.form.modeSchedule') },
              { value: 'now', label: t('delivery.form.modeNow') },
            ]}
            data-testid="record-mode"
          />
        </Form.Item>
        <Form.Item name="location" label={t('delivery.location')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        {mode === 'schedule' ? (
          <Form.Item
            name="scheduledAt"
            label={t('delivery.form.scheduledAt')}
            rules={[{ required: true, message: t('delivery.form.scheduledAtRequired') }]}
          >
            <DatePicker
              className="sg-full-width"
              showTime={{ format: 'HH:mm', minuteStep: 5, defaultOpenValue: dayjs().hour(9).minute(0) }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={beforeToday}
              inputReadOnly
            />
          </Form.Item>
        ) : (
          <>
            {indicators.length > 1 ? (
              <Form.Item
                name="indicatorId"
                label={t('delivery.form.indicator')}
                extra={t('delivery.form.indicatorHint')}
                rules={[{ required: true, message: t('delivery.form.indicatorRequired') }]}
              >
                <Select options={indicators.map((i) => ({ value: i.id, label: i.name }))} />
              </Form.Item>
            ) : null}
            <CompletionFields kind={subject.kind} members={members} />
          </>
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="new-record-submit">
            {mode === 'schedule' ? t('delivery.create.submitSchedule') : t('delivery.create.submitRecord')}
          </Button>
          <Button onClick={() => onDone()}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** The new-record form in a drawer; `mode` is where it starts (planning ahead, or recording what was held). */
export function NewRecordDrawer({
  subject,
  mode,
  open,
  onClose,
}: {
  subject: RecordSubject;
  mode: RecordMode;
  open: boolean;
  onClose: (created?: ServiceRecordView) => void;
}) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  const title =
    subject.kind === 'visit'
      ? t('delivery.create.visitTitle')
      : t(subject.kind === 'group_session' ? 'delivery.create.groupTitle' : 'delivery.create.activityTitle', {
          name: subject.name,
        });
  return (
    <Drawer
      open={open}
      onClose={() => onClose()}
      title={title}
      size={width}
      destroyOnHidden
      data-testid="new-record-drawer"
    >
      {open ? <NewRecordForm subject={subject} mode={mode} onDone={onClose} /> : null}
    </Drawer>
  );
}
