import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Result,
  Select,
  Space,
  Steps,
  TreeSelect,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { FUNDING_SOURCES, PROCUREMENT_METHODS } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import {
  type CreateProjectBody,
  createProject,
  getProject,
  type Me,
  type ProjectDetail,
  queryKeys,
  type UpdateProjectBody,
  updateProject,
} from '../../api/endpoints';
import { hasAnyRole, useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { FullPageSpin } from '../../components/FullPageSpin';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { type FieldPath, splitServerErrors } from '../../components/serverErrors';
import { useDetailRoute } from '../../components/useDetailRoute';
import { type DivisionNode, toTreeSelectData, useDivisions } from '../divisions/divisions';
import ForbiddenPage from '../errors/ForbiddenPage';
import NotFoundPage from '../errors/NotFoundPage';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { fromDay, toDay, useDayjsLocale } from '../registry/dates';
import { useTerms } from '../registry/useTerms';
import { StatusReason } from './ProjectOverviewTab';
import { latestPeriodEnd, PROJECTS_PATH, PURCHASING_ROLES, projectPath, useProjectVocabulary } from './projectBits';
import './projects.css';

interface Values {
  title: string;
  purchaserId?: string;
  fundingSource?: CreateProjectBody['fundingSource'];
  procurementMethod?: CreateProjectBody['procurementMethod'];
  serviceDivisionCodes: string[];
  targetGroups: string[];
  serviceContent: string;
  budgetYuan: string;
  periodFrom: Dayjs | null;
  periodTo: Dayjs | null;
  recurring: boolean;
}

/** The wizard's steps and the fields each one holds (validated before moving on). */
const STEPS: { key: 'basics' | 'content' | 'budget'; fields: (keyof Values)[] }[] = [
  { key: 'basics', fields: ['title', 'purchaserId', 'fundingSource', 'procurementMethod'] },
  { key: 'content', fields: ['serviceDivisionCodes', 'targetGroups', 'serviceContent'] },
  { key: 'budget', fields: ['budgetYuan', 'periodFrom', 'periodTo', 'recurring'] },
];

/** Server issue field → form field. */
const FIELD_MAP: Record<string, FieldPath> = {
  title: ['title'],
  purchaserId: ['purchaserId'],
  fundingSource: ['fundingSource'],
  procurementMethod: ['procurementMethod'],
  serviceDivisionCodes: ['serviceDivisionCodes'],
  targetGroups: ['targetGroups'],
  serviceContent: ['serviceContent'],
  budgetFen: ['budgetYuan'],
  periodFrom: ['periodFrom'],
  periodTo: ['periodTo'],
  recurring: ['recurring'],
};

/** Errors that name no field but belong to one. */
const CODE_FIELDS: Record<string, keyof Values> = {
  'project.term_too_long': 'periodTo',
  'project.purchaser_required': 'purchaserId',
};

function stepOf(field: string): number {
  const index = STEPS.findIndex((s) => s.fields.includes(field as keyof Values));
  return Math.max(index, 0);
}

/** The purchasing units a purchaser acts for (a bureau admin picks any unit in their divisions instead). */
function ownPurchasers(me: Me) {
  return me.memberships.filter((m) => m.role === 'purchaser');
}

function findNode(nodes: DivisionNode[], code: string): DivisionNode | undefined {
  for (const n of nodes) {
    if (n.division.code === code) return n;
    if (code.startsWith(n.division.code)) {
      const found = findNode(n.children, code);
      if (found) return found;
    }
  }
  return undefined;
}

function initialValues(project: ProjectDetail | undefined, me: Me): Values {
  if (!project) {
    const own = ownPurchasers(me);
    return {
      title: '',
      purchaserId: own.length === 1 && !me.roles.includes('bureau_admin') ? own[0]?.organizationId : undefined,
      serviceDivisionCodes: [],
      targetGroups: [],
      serviceContent: '',
      budgetYuan: '',
      periodFrom: null,
      periodTo: null,
      recurring: false,
    };
  }
  return {
    title: project.title,
    purchaserId: project.purchaserId,
    fundingSource: project.fundingSource,
    procurementMethod: project.procurementMethod,
    serviceDivisionCodes: project.serviceDivisions.map((d) => d.code),
    targetGroups: project.targetGroups,
    serviceContent: project.serviceContent,
    budgetYuan: fenToYuanInput(project.budgetFen),
    periodFrom: toDay(project.periodFrom),
    periodTo: toDay(project.periodTo),
    recurring: project.recurring,
  };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What changed in an edit (PATCH sends only that, with the version it was based on). */
function changes(project: ProjectDetail, body: CreateProjectBody): UpdateProjectBody {
  const patch: UpdateProjectBody = { version: project.version };
  if (body.title !== project.title) patch.title = body.title;
  if (body.fundingSource !== project.fundingSource) patch.fundingSource = body.fundingSource;
  if (body.procurementMethod !== project.procurementMethod) patch.procurementMethod = body.procurementMethod;
  if (body.budgetFen !== project.budgetFen) patch.budgetFen = body.budgetFen;
  const divisions = project.serviceDivisions.map((d) => d.code);
  if (!sameList([...body.serviceDivisionCodes].sort(), [...divisions].sort()))
    patch.serviceDivisionCodes = body.serviceDivisionCodes;
  if (!sameList(body.targetGroups ?? [], project.targetGroups)) patch.targetGroups = body.targetGroups;
  if ((body.serviceContent ?? '') !== project.serviceContent) patch.serviceContent = body.serviceContent;
  if (body.periodFrom !== project.periodFrom) patch.periodFrom = body.periodFrom;
  if (body.periodTo !== project.periodTo) patch.periodTo = body.periodTo;
  if ((body.recurring ?? false) !== project.recurring) patch.recurring = body.recurring;
  return patch;
}

function ProjectWizard({ project, onReload }: { project?: ProjectDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const vocabulary = useProjectVocabulary();
  const divisions = useDivisions();
  const specialties = useTerms('specialty');
  useDayjsLocale();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState(0);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const isAdmin = me.roles.includes('bureau_admin');
  const own = ownPurchasers(me);
  const [adminPurchaserDivision, setAdminPurchaserDivision] = useState<string | undefined>(project?.divisionCode);
  const purchaserId = Form.useWatch('purchaserId', form);
  const recurring = Form.useWatch('recurring', form) ?? false;
  const periodFrom = Form.useWatch('periodFrom', form);
  const budgetYuan = Form.useWatch('budgetYuan', form);

  // The purchasing unit's own division bounds the service area: a town buys for the town.
  const purchaserDivision = project
    ? project.divisionCode
    : isAdmin
      ? adminPurchaserDivision
      : own.length === 1
        ? own[0]?.divisionCode
        : own.find((m) => m.organizationId === purchaserId)?.divisionCode;
  const treeData = useMemo(() => {
    if (!divisions.data || !purchaserDivision) return [];
    const node = findNode(divisions.data.roots, purchaserDivision);
    return node ? toTreeSelectData([node]) : [];
  }, [divisions.data, purchaserDivision]);

  const onServerError = (error: unknown) => {
    if (isApiError(error) && error.code === 'conflict.stale_version') {
      setStale(error.message);
      setErrors(null);
      return;
    }
    const { fields, general } = splitServerErrors(error, FIELD_MAP);
    const named = isApiError(error) ? CODE_FIELDS[error.code] : undefined;
    if (named) fields.push({ name: [named], errors: [error instanceof Error ? error.message : ''] });
    if (fields.length > 0) {
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setCurrent(Math.min(...fields.map((f) => stepOf(String(f.name[0])))));
    }
    setErrors(named ? general.slice(1) : general);
  };

  const mutation = useMutation({
    mutationFn: async (body: CreateProjectBody): Promise<ProjectDetail | null> => {
      if (!project) return createProject(body);
      const patch = changes(project, body);
      if (Object.keys(patch).length === 1) return null;
      return updateProject(project.id, patch);
    },
    onSuccess: (saved) => {
      if (!saved) {
        message.info(t('common.noChanges'));
        if (project) void navigate(projectPath(project.id));
        return;
      }
      message.success(project ? t('common.saved') : t('projects.form.created', { code: saved.code }));
      queryClient.setQueryData(queryKeys.project(saved.id), saved);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.projects,
        predicate: (q) => q.queryKey[1] !== 'detail',
      });
      void navigate(projectPath(saved.id), { replace: !project });
    },
    onError: onServerError,
  });

  const next = async () => {
    try {
      await form.validateFields(STEPS[current]?.fields ?? []);
      setCurrent((c) => Math.min(STEPS.length - 1, c + 1));
    } catch {
      // The form shows what is wrong.
    }
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch (info) {
      const failed = (info as { errorFields?: { name: FieldPath }[] }).errorFields ?? [];
      if (failed.length > 0) setCurrent(Math.min(...failed.map((f) => stepOf(String(f.name[0])))));
      return;
    }
    const budgetFen = parseYuanToFen(values.budgetYuan);
    if (budgetFen === null || !values.fundingSource || !values.procurementMethod) return;
    setErrors(null);
    mutation.mutate({
      title: values.title.trim(),
      purchaserId: project ? undefined : values.purchaserId,
      fundingSource: values.fundingSource,
      procurementMethod: values.procurementMethod,
      serviceDivisionCodes: values.serviceDivisionCodes,
      targetGroups: values.targetGroups ?? [],
      serviceContent: values.serviceContent ?? '',
      budgetFen,
      periodFrom: fromDay(values.periodFrom) ?? '',
      periodTo: fromDay(values.periodTo) ?? '',
      recurring: values.recurring ?? false,
    });
  };

  const budgetFen = parseYuanToFen(budgetYuan);
  const fromText = fromDay(periodFrom);
  const showPurchaserSelect = !project && (isAdmin || own.length > 1);

  // Every step stays mounted (hidden), so that values and server errors survive moving between steps.
  const step = (index: number) => ({ hidden: current !== index });

  return (
    <Card>
      <Steps
        className="sg-project-steps"
        current={current}
        onChange={(target) => {
          if (target < current) setCurrent(target);
          else void next();
        }}
        responsive
        items={STEPS.map((s) => ({ title: t(`projects.form.steps.${s.key}`) }))}
      />
      {stale ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          data-testid="project-stale"
          title={stale}
          description={t('projects.form.staleHint')}
          action={
            <Button size="small" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <FormErrorAlert messages={errors} />
      <Form<Values>
        form={form}
        name="project"
        layout="vertical"
        className="sg-form-narrow"
        initialValues={initialValues(project, me)}
        onValuesChange={(changed: Partial<Values>) => {
          // The end date's limit follows the start date and the recurring box; recheck it once it has a value.
          if (('periodFrom' in changed || 'recurring' in changed) && form.getFieldValue('periodTo'))
            void form.validateFields(['periodTo']).catch(() => undefined);
        }}
      >
        <fieldset className="sg-fieldset" {...step(0)}>
          <legend className="sg-visually-hidden">{t('projects.form.steps.basics')}</legend>
          <Form.Item
            name="title"
            label={t('projects.fields.title')}
            rules={[
              { required: true, whitespace: true, message: t('projects.form.titleRequired') },
              { min: 2, max: 100, message: t('projects.form.titleLength') },
            ]}
          >
            <Input maxLength={100} showCount autoComplete="off" data-testid="project-title" />
          </Form.Item>
          {project ? (
            <Form.Item label={t('projects.fields.purchaser')}>
              <Typography.Text>{project.purchaserName}</Typography.Text>
            </Form.Item>
          ) : showPurchaserSelect ? (
            <Form.Item
              name="purchaserId"
              label={t('projects.fields.purchaser')}
              extra={t('projects.form.purchaserHint')}
              rules={[{ required: true, message: t('projects.form.purchaserRequired') }]}
            >
              {isAdmin ? (
                <OrganizationSelect
                  kind="purchaser"
                  placeholder={t('projects.form.purchaserPlaceholder')}
                  onOrganizationChange={(org) => {
                    setAdminPurchaserDivision(org?.divisionCode);
                    const codes = form.getFieldValue('serviceDivisionCodes') as string[] | undefined;
                    form.setFieldValue(
                      'serviceDivisionCodes',
                      (codes ?? []).filter((c) => org && c.startsWith(org.divisionCode)),
                    );
                  }}
                />
              ) : (
                <Select
                  placeholder={t('projects.form.purchaserPlaceholder')}
                  options={own.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
                  onChange={() => form.setFieldValue('serviceDivisionCodes', [])}
                />
              )}
            </Form.Item>
          ) : (
            <Form.Item label={t('projects.fields.purchaser')}>
              <Typography.Text>{own[0]?.organizationName ?? t('common.empty')}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item
            name="fundingSource"
            label={t('projects.fields.fundingSource')}
            rules={[{ required: true, message: t('projects.form.fundingRequired') }]}
          >
            <Select
              placeholder={t('projects.form.selectPlaceholder')}
              options={FUNDING_SOURCES.map((f) => ({ value: f, label: vocabulary.funding(f) }))}
            />
          </Form.Item>
          <Form.Item
            name="procurementMethod"
            label={t('projects.fields.procurementMethod')}
            rules={[{ required: true, message: t('projects.form.procurementRequired') }]}
          >
            <Select
              placeholder={t('projects.form.selectPlaceholder')}
              options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: vocabulary.procurement(m) }))}
            />
          </Form.Item>
        </fieldset>

        <fieldset className="sg-fieldset" {...step(1)}>
          <legend className="sg-visually-hidden">{t('projects.form.steps.content')}</legend>
          <Form.Item
            name="serviceDivisionCodes"
            label={t('projects.fields.serviceDivisions')}
            extra={purchaserDivision ? t('projects.form.divisionsHint') : t('projects.form.divisionsNeedPurchaser')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('projects.form.divisionsRequired') },
              { type: 'array', max: 60, message: t('projects.form.divisionsMax') },
            ]}
          >
            <TreeSelect<string[]>
              multiple
              treeCheckable
              showCheckedStrategy={TreeSelect.SHOW_PARENT}
              disabled={!purchaserDivision}
              treeData={treeData}
              loading={divisions.isPending}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandedKeys={purchaserDivision ? [purchaserDivision] : []}
              placeholder={t('projects.form.divisionsPlaceholder')}
              data-testid="project-divisions"
            />
          </Form.Item>
          <Form.Item
            name="targetGroups"
            label={t('projects.fields.targetGroups')}
            rules={[{ type: 'array', max: 20, message: t('projects.form.targetGroupsMax') }]}
          >
            <Select
              mode="multiple"
              allowClear
              placeholder={t('projects.form.targetGroupsPlaceholder')}
              options={specialties.options}
              loading={specialties.loading}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item
            name="serviceContent"
            label={t('projects.fields.serviceContent')}
            rules={[{ max: 5000, message: t('projects.form.serviceContentMax') }]}
          >
            <Input.TextArea
              rows={6}
              maxLength={5000}
              showCount
              placeholder={t('projects.form.serviceContentPlaceholder')}
            />
          </Form.Item>
        </fieldset>

        <fieldset className="sg-fieldset" {...step(2)}>
          <legend className="sg-visually-hidden">{t('projects.form.steps.budget')}</legend>
          <Form.Item
            name="budgetYuan"
            label={t('projects.form.budgetYuan')}
            extra={
              budgetFen !== null && budgetFen > 0
                ? t('projects.form.budgetIs', { amount: formatFen(budgetFen) })
                : undefined
            }
            rules={[
              { required: true, whitespace: true, message: t('projects.form.budgetRequired') },
              {
                validator: (_rule, value: string | undefined) => {
                  if (!value?.trim()) return Promise.resolve();
                  const fen = parseYuanToFen(value);
                  return fen !== null && fen > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('projects.form.budgetInvalid')));
                },
              },
            ]}
          >
            <Input
              inputMode="decimal"
              prefix="¥"
              suffix={t('projects.form.yuan')}
              maxLength={20}
              autoComplete="off"
              data-testid="project-budget"
            />
          </Form.Item>
          <div className="sg-form-grid">
            <Form.Item
              name="periodFrom"
              label={t('projects.fields.periodFrom')}
              rules={[{ required: true, message: t('projects.form.periodFromRequired') }]}
            >
              <DatePicker className="sg-full-width" data-testid="project-period-from" />
            </Form.Item>
            <Form.Item
              name="periodTo"
              label={t('projects.fields.periodTo')}
              rules={[
                { required: true, message: t('projects.form.periodToRequired') },
                ({ getFieldValue }) => ({
                  validator: (_rule, value: Dayjs | null) => {
                    const from = fromDay(getFieldValue('periodFrom') as Dayjs | null);
                    const to = fromDay(value);
                    if (!from || !to) return Promise.resolve();
                    if (to < from) return Promise.reject(new Error(t('projects.form.periodOrder')));
                    const isRecurring = (getFieldValue('recurring') as boolean | undefined) ?? false;
                    const latest = latestPeriodEnd(from, isRecurring);
                    if (to > latest)
                      return Promise.reject(
                        new Error(
                          isRecurring
                            ? t('projects.form.termTooLongRecurring', { latest })
                            : t('projects.form.termTooLong', { latest }),
                        ),
                      );
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker className="sg-full-width" data-testid="project-period-to" />
            </Form.Item>
          </div>
          <Alert
            type="info"
            showIcon
            className="sg-form-alert"
            title={t('projects.form.termRule')}
            description={
              fromText ? t('projects.form.termLatest', { latest: latestPeriodEnd(fromText, recurring) }) : undefined
            }
          />
          <Form.Item name="recurring" valuePropName="checked">
            <Checkbox data-testid="project-recurring">{t('projects.form.recurring')}</Checkbox>
          </Form.Item>
        </fieldset>

        <Space wrap className="sg-project-wizard-actions">
          {current > 0 ? <Button onClick={() => setCurrent((c) => c - 1)}>{t('projects.form.previous')}</Button> : null}
          {current < STEPS.length - 1 ? (
            <Button type="primary" onClick={() => void next()} data-testid="project-next">
              {t('projects.form.next')}
            </Button>
          ) : (
            <Button
              type="primary"
              onClick={() => void submit()}
              loading={mutation.isPending}
              disabled={!!stale}
              data-testid="project-save"
            >
              {project ? t('projects.form.saveChanges') : t('projects.form.createDraft')}
            </Button>
          )}
          <Button onClick={() => void navigate(project ? projectPath(project.id) : PROJECTS_PATH)}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** /console/projects/new and /console/projects/:projectId/edit — the three-step project form. */
export default function ProjectFormPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { projectId } = useParams();
  const editing = projectId !== undefined;
  const { detail, notFound } = useDetailRoute({
    basePath: PROJECTS_PATH,
    id: projectId,
    search: '',
    queryKey: queryKeys.project(projectId ?? ''),
    load: (id, signal) => getProject(id, { signal }),
  });

  if (!hasAnyRole(me, PURCHASING_ROLES)) return <ForbiddenPage />;
  if (!editing) {
    return (
      <>
        <PageHeader title={t('projects.form.createTitle')} description={t('projects.form.createDescription')} />
        <ProjectWizard onReload={() => undefined} />
      </>
    );
  }
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  const project = detail.data;
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(projectPath(project.id))}>
      {t('projects.detail.backToProject')}
    </Button>
  );
  return (
    <>
      <PageHeader
        title={t('projects.form.editTitle', { title: project.title })}
        description={project.code}
        extra={back}
      />
      <StatusReason project={project} />
      {project.can.edit ? (
        <ProjectWizard key={project.version} project={project} onReload={() => void detail.refetch()} />
      ) : (
        <Card>
          <Result
            status="warning"
            title={t('projects.form.notEditable')}
            subTitle={t('projects.form.notEditableHint')}
            extra={back}
          />
        </Card>
      )}
    </>
  );
}
