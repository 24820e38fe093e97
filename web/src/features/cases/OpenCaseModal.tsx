import { FolderAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Radio, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { INTAKE_SOURCES } from '../../../../contracts/api/cases';
import {
  type Beneficiary,
  type CaseDetail,
  type CreateCaseBody,
  createCase,
  getMyWorkerRecord,
  getProject,
  listProjects,
  listWorkers,
  queryKeys,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';
import { casePath } from './caseBits';

interface Values {
  workerId?: string;
  supervisorWorkerId?: string;
  intakeSource: CreateCaseBody['intakeSource'];
  projectId?: string;
}

interface Candidate {
  id: string;
  name: string;
  credentialLevel: string | null;
}

const FIELDS = sameNamedFields('workerId', 'supervisorWorkerId', 'intakeSource', 'projectId');
/** The server's page limit: an agency has fewer workers than this. */
const ALL = { page: 1, pageSize: 200 } as const;

/**
 * The workers who may take the case. The talent pool shows an agency manager every worker of the agency, but a social
 * worker only their own record; the team of the project chosen adds the colleagues they deliver it with, so that a
 * social worker can name a supervisor from it. The server checks that both are workers of the agency with accounts.
 */
function useCandidates(open: boolean, agencyId: string, projectId: string | undefined) {
  const workers = useQuery({
    queryKey: queryKeys.workerList({ agencyId, ...ALL }),
    queryFn: ({ signal }) => listWorkers({ agencyId, ...ALL }, { signal }),
    enabled: open,
  });
  const project = useQuery({
    queryKey: queryKeys.project(projectId ?? ''),
    queryFn: ({ signal }) => getProject(projectId ?? '', { signal }),
    enabled: open && !!projectId,
  });
  return useMemo(() => {
    const byId = new Map<string, Candidate>();
    for (const w of workers.data?.items ?? [])
      if (w.agencyId === agencyId) byId.set(w.id, { id: w.id, name: w.name, credentialLevel: w.credentialLevel });
    for (const m of projectId ? (project.data?.team ?? []) : [])
      if (!byId.has(m.workerId))
        byId.set(m.workerId, { id: m.workerId, name: m.name, credentialLevel: m.credentialLevel });
    return {
      candidates: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      loading: workers.isFetching || project.isFetching,
    };
  }, [workers.data, workers.isFetching, project.data, project.isFetching, agencyId, projectId]);
}

function OpenCaseModal({
  beneficiary,
  open,
  onClose,
}: {
  beneficiary: Beneficiary & { agencyId: string };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const projectId = Form.useWatch('projectId', form);
  const workerId = Form.useWatch('workerId', form);
  const agencyId = beneficiary.agencyId;
  const isSocialWorker = me.memberships.some((m) => m.role === 'social_worker' && m.organizationId === agencyId);
  const { candidates, loading } = useCandidates(open, agencyId, projectId);
  const mine = useQuery({
    queryKey: queryKeys.worker('mine'),
    queryFn: ({ signal }) => getMyWorkerRecord({ signal }),
    enabled: open && isSocialWorker,
  });
  const projectParams = { status: 'in_service' as const, ...ALL };
  const projects = useQuery({
    queryKey: queryKeys.projectList(projectParams),
    queryFn: ({ signal }) => listProjects(projectParams, { signal }),
    enabled: open,
  });

  // A social worker usually opens a case for themselves: they are the case worker unless they choose otherwise.
  useEffect(() => {
    if (open && mine.data && mine.data.agencyId === agencyId && !form.getFieldValue('workerId'))
      form.setFieldValue('workerId', mine.data.id);
  }, [open, mine.data, agencyId, form]);

  // Another project, another team: a choice no longer offered is cleared rather than shown as a bare id.
  useEffect(() => {
    if (loading) return;
    for (const field of ['workerId', 'supervisorWorkerId'] as const) {
      const value = form.getFieldValue(field);
      if (value && !candidates.some((c) => c.id === value)) form.setFieldValue(field, undefined);
    }
  }, [candidates, loading, form]);

  const label = (c: Candidate) =>
    `${c.name}（${c.credentialLevel ? t(`credentialLevels.${c.credentialLevel as 'assistant'}`) : t('credentialLevels.none')}）`;
  const options = candidates.map((c) => ({ value: c.id, label: label(c) }));

  return (
    <FormModal<Values, CaseDetail>
      open={open}
      onClose={onClose}
      title={t('cases.open.title', { name: beneficiary.name })}
      okText={t('cases.open.submit')}
      name="open-case"
      form={form}
      initialValues={{ intakeSource: 'self_referral' }}
      intro={<Typography.Paragraph type="secondary">{t('cases.open.intro')}</Typography.Paragraph>}
      submit={(v) =>
        createCase({
          beneficiaryId: beneficiary.id,
          workerId: v.workerId ?? '',
          supervisorWorkerId: v.supervisorWorkerId ?? '',
          intakeSource: v.intakeSource,
          projectId: v.projectId || undefined,
        })
      }
      onSuccess={(created) => {
        queryClient.setQueryData(queryKeys.case(created.id), created);
        void queryClient.invalidateQueries({ queryKey: queryKeys.cases, predicate: (q) => q.queryKey[1] === 'list' });
        message.success(t('cases.open.done', { code: created.code }));
        void navigate(casePath(created.id));
      }}
      fieldMap={FIELDS}
    >
      <Form.Item name="projectId" label={t('cases.project')} extra={t('cases.open.projectHint')}>
        <Select
          allowClear
          loading={projects.isFetching}
          placeholder={t('cases.open.noProject')}
          options={(projects.data?.items ?? [])
            .filter((p) => p.agencyId === agencyId)
            .map((p) => ({ value: p.id, label: `${p.title}（${p.code}）` }))}
          data-testid="open-case-project"
        />
      </Form.Item>
      <Form.Item
        name="workerId"
        label={t('cases.worker')}
        rules={[{ required: true, message: t('cases.open.workerRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          options={options}
          data-testid="open-case-worker"
        />
      </Form.Item>
      <Form.Item
        name="supervisorWorkerId"
        label={t('cases.supervisor')}
        dependencies={['workerId']}
        extra={isSocialWorker ? t('cases.open.supervisorHint') : undefined}
        rules={[
          { required: true, message: t('cases.open.supervisorRequired') },
          {
            validator: async (_, value?: string) => {
              if (value && value === form.getFieldValue('workerId'))
                throw new Error(t('cases.open.supervisorIsWorker'));
            },
          },
        ]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          options={options.filter((o) => o.value !== workerId)}
          data-testid="open-case-supervisor"
        />
      </Form.Item>
      <Form.Item
        name="intakeSource"
        label={t('cases.intakeSource')}
        rules={[{ required: true, message: t('cases.open.sourceRequired') }]}
      >
        <Radio.Group
          options={INTAKE_SOURCES.map((s) => ({ value: s, label: t(`cases.intakeSources.${s}`) }))}
          data-testid="open-case-source"
        />
      </Form.Item>
    </FormModal>
  );
}

/** 开案 on a beneficiary's page, for the staff of the agency serving them. */
export function OpenCaseButton({ beneficiary }: { beneficiary: Beneficiary }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const { agencyId } = beneficiary;
  const staff = me.memberships.some(
    (m) => m.organizationId === agencyId && (m.role === 'agency_manager' || m.role === 'social_worker'),
  );
  if (!agencyId || !staff) return null;
  return (
    <>
      <Button icon={<FolderAddOutlined />} onClick={() => setOpen(true)} data-testid="case-open">
        {t('cases.open.button')}
      </Button>
      <OpenCaseModal beneficiary={{ ...beneficiary, agencyId }} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
