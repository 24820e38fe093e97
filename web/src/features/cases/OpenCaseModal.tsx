import { FolderAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { INTAKE_SOURCES } from '../../../../contracts/api/cases';
import {
  type Beneficiary,
  type CaseDetail,
  type CreateCaseBody,
  createCase,
  listProjects,
  queryKeys,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';
import { useColleagues, useMyWorkerId } from '../workers/useColleagues';
import { casePath } from './caseBits';

interface Values {
  workerId?: string;
  supervisorWorkerId?: string;
  intakeSource: CreateCaseBody['intakeSource'];
  projectId?: string;
}

const FIELDS = sameNamedFields('workerId', 'supervisorWorkerId', 'intakeSource', 'projectId');
/** The server's page limit: an agency has fewer projects in service than this. */
const ALL = { page: 1, pageSize: 200 } as const;

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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const workerId = Form.useWatch('workerId', form);
  const agencyId = beneficiary.agencyId;
  // Both sign in to the case: the worker writes its records, the supervisor reviews them.
  const workers = useColleagues(agencyId, { enabled: open, accountRequired: true });
  const myWorkerId = useMyWorkerId(agencyId, open);
  const projectParams = { status: 'in_service' as const, ...ALL };
  const projects = useQuery({
    queryKey: queryKeys.projectList(projectParams),
    queryFn: ({ signal }) => listProjects(projectParams, { signal }),
    enabled: open,
  });

  // A social worker usually opens a case for themselves: they are the case worker unless they choose otherwise.
  useEffect(() => {
    if (open && myWorkerId && !form.getFieldValue('workerId')) form.setFieldValue('workerId', myWorkerId);
  }, [open, myWorkerId, form]);

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
          loading={workers.loading}
          options={workers.options}
          data-testid="open-case-worker"
        />
      </Form.Item>
      <Form.Item
        name="supervisorWorkerId"
        label={t('cases.supervisor')}
        dependencies={['workerId']}
        extra={t('workers.colleagues.accountHint')}
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
          loading={workers.loading}
          options={workers.options.filter((o) => o.value !== workerId)}
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
