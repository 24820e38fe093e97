import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import {
  listWorkers,
  type ProjectDetail,
  queryKeys,
  setProjectTeam,
  type TeamMember,
  type WorkerListParams,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useProjectSaved } from './ProjectActions';
import { TableEmpty } from './projectBits';

interface Values {
  leadWorkerId?: string;
  memberWorkerIds: string[];
}

function TeamForm({ project, onDone }: { project: ProjectDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const saved = useProjectSaved();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const lead = Form.useWatch('leadWorkerId', form);
  // The contracted agency's workers (the server checks membership again on save).
  const params: WorkerListParams = { agencyId: project.agencyId ?? undefined, page: 1, pageSize: 200 };
  const workers = useQuery({
    queryKey: queryKeys.workerList(params),
    queryFn: ({ signal }) => listWorkers(params, { signal }),
    enabled: project.agencyId !== null,
  });
  const options = (workers.data?.items ?? []).map((w) => ({
    value: w.id,
    label: `${w.name}（${w.credentialLevel ? t(`credentialLevels.${w.credentialLevel}`) : t('credentialLevels.none')}）`,
  }));
  // Members already on the team keep their names while the list loads (or if they left the agency).
  for (const m of project.team)
    if (!options.some((o) => o.value === m.workerId)) options.push({ value: m.workerId, label: m.name });

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      setProjectTeam(project.id, {
        leadWorkerId: values.leadWorkerId ?? '',
        memberWorkerIds: values.memberWorkerIds.filter((id) => id !== values.leadWorkerId),
        version: project.version,
      }),
    onSuccess: (next) => {
      message.success(t('projects.team.saved'));
      saved(next);
      onDone();
    },
    onError: (error) => {
      setErrors(
        applyServerErrors(form, error, { leadWorkerId: ['leadWorkerId'], memberWorkerIds: ['memberWorkerIds'] }),
      );
      if (isApiError(error) && error.status === 409) message.warning(t('projects.staleReloaded'));
    },
  });

  return (
    <Form<Values>
      form={form}
      name="project-team"
      layout="vertical"
      className="sg-form-narrow"
      initialValues={{
        leadWorkerId: project.leadWorkerId ?? undefined,
        memberWorkerIds: project.team.filter((m) => m.role === 'member').map((m) => m.workerId),
      }}
      onFinish={(values) => {
        setErrors(null);
        mutation.mutate(values);
      }}
    >
      <FormErrorAlert messages={errors} />
      <Form.Item
        name="leadWorkerId"
        label={t('projects.team.lead')}
        rules={[{ required: true, message: t('projects.team.leadRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={workers.isPending}
          options={options}
          placeholder={t('projects.team.pickWorker')}
        />
      </Form.Item>
      <Form.Item name="memberWorkerIds" label={t('projects.team.members')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={workers.isPending}
          options={options.filter((o) => o.value !== lead)}
          placeholder={t('projects.team.pickWorkers')}
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** 团队: the contracted agency's workers on the project, with its lead. */
export function ProjectTeamTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  // Talent-pool readers open a member's record; a social worker sees only their own, so names stay plain text.
  const canOpenWorker = hasAnyRole(me, navItem('workers').roles);

  if (!project.agencyId) return <Empty description={t('projects.team.noAgency')} />;

  return (
    <div data-testid="project-team" className="sg-stack">
      {project.can.manageTeam && !editing ? (
        <div>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-team-edit">
            {t('projects.team.manage')}
          </Button>
        </div>
      ) : null}
      {!project.can.manageTeam && project.team.length === 0 ? (
        <Alert type="info" showIcon title={t('projects.team.notYet')} />
      ) : null}
      {editing ? <TeamForm key={project.version} project={project} onDone={() => setEditing(false)} /> : null}
      <Table<TeamMember>
        rowKey="workerId"
        size="small"
        dataSource={project.team}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <TableEmpty text={t('projects.team.empty')} /> }}
        columns={[
          {
            title: t('projects.team.name'),
            key: 'name',
            render: (_: unknown, m) =>
              canOpenWorker ? <Link to={`${navItem('workers').path}/${m.workerId}`}>{m.name}</Link> : m.name,
          },
          {
            title: t('projects.team.role'),
            key: 'role',
            render: (_: unknown, m) => (
              <Tag color={m.role === 'lead' ? 'blue' : 'default'}>{t(`projects.team.roles.${m.role}`)}</Tag>
            ),
          },
          {
            title: t('projects.team.level'),
            key: 'level',
            render: (_: unknown, m) =>
              m.credentialLevel ? t(`credentialLevels.${m.credentialLevel}`) : t('credentialLevels.none'),
          },
          { title: t('projects.team.joinedOn'), key: 'joinedOn', dataIndex: 'joinedOn', className: 'sg-nowrap' },
        ]}
      />
    </div>
  );
}
