import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS, type EvaluationKind } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import {
  assignEvaluation,
  type EvaluationDetail,
  type EvaluationTemplate,
  listEvaluationTemplates,
  listEvaluators,
  type ProjectDetail,
  queryKeys,
} from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useProjectVocabulary } from '../projects/projectBits';
import { fromDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { formatScore, toHundredths, useBandsText } from './evaluationBits';

interface Values {
  templateId?: string;
  evaluatorOrgId?: string;
  assigneeUserIds: string[];
  dueOn: Dayjs | null;
}

/** A template's criteria by dimension with their weights, and its grade bands: what the evaluators will score. */
export function TemplatePreview({ template }: { template: EvaluationTemplate }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const bandsText = useBandsText();
  const rows = EVALUATION_DIMENSIONS.flatMap((d) =>
    template.criteria.filter((c) => c.dimension === d).sort((a, b) => a.sort - b.sort),
  );
  const weightOf = (d: string) =>
    template.criteria.filter((c) => c.dimension === d).reduce((sum, c) => sum + toHundredths(c.weight), 0) / 100;
  return (
    <div className="sg-template-preview" data-testid="template-preview">
      {template.description ? (
        <Typography.Paragraph type="secondary">{template.description}</Typography.Paragraph>
      ) : null}
      <Typography.Paragraph>{bandsText(template)}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('evaluations.assign.dimension'),
            key: 'dimension',
            className: 'sg-nowrap',
            render: (_: unknown, c) =>
              t('evaluations.assign.dimensionWeight', {
                name: vocabulary.dimension(c.dimension),
                weight: formatScore(weightOf(c.dimension)),
              }),
            onCell: (c, index) => {
              const first = rows.findIndex((r) => r.dimension === c.dimension);
              if (index !== first) return { rowSpan: 0 };
              return { rowSpan: rows.filter((r) => r.dimension === c.dimension).length };
            },
          },
          { title: t('evaluations.assign.criterion'), key: 'name', dataIndex: 'name' },
          {
            title: t('evaluations.assign.weight'),
            key: 'weight',
            align: 'right',
            render: (_: unknown, c) => formatScore(c.weight),
          },
          {
            title: t('evaluations.assign.guidance'),
            key: 'guidance',
            render: (_: unknown, c) => <span className="sg-cell-wrap">{c.guidance}</span>,
          },
        ]}
      />
    </div>
  );
}

/**
 * 安排评估: the purchasing side picks the template, the third-party evaluation organization and its evaluator
 * accounts (GET /api/evaluators), and the due date.
 */
export function EvaluationAssignForm({
  project,
  kind,
  onDone,
  onCancel,
}: {
  project: ProjectDetail;
  kind: EvaluationKind;
  onDone: (next: EvaluationDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  useDayjsLocale();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const templateId = Form.useWatch('templateId', form);
  const orgId = Form.useWatch('evaluatorOrgId', form);

  const templates = useQuery({
    queryKey: queryKeys.evaluationTemplates,
    queryFn: ({ signal }) => listEvaluationTemplates({ signal }),
  });
  const directory = useQuery({
    queryKey: queryKeys.evaluators,
    queryFn: ({ signal }) => listEvaluators({ signal }),
  });
  const orgOptions = useMemo(
    () => (directory.data ?? []).map((o) => ({ value: o.id, label: o.name })),
    [directory.data],
  );
  const userOptions = useMemo(
    () =>
      (directory.data?.find((o) => o.id === orgId)?.evaluators ?? []).map((e) => ({
        value: e.userId,
        label: e.displayName,
      })),
    [directory.data, orgId],
  );

  const template = templates.data?.find((tp) => tp.id === templateId);
  const noOrgs = !directory.isPending && orgOptions.length === 0;
  const noUsers = !!orgId && !directory.isPending && userOptions.length === 0;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      assignEvaluation(project.id, {
        kind,
        templateId: v.templateId ?? '',
        evaluatorOrgId: v.evaluatorOrgId ?? '',
        assigneeUserIds: v.assigneeUserIds ?? [],
        dueOn: fromDay(v.dueOn) ?? '',
      }),
    onSuccess: (next) => {
      setErrors(null);
      onDone(next);
    },
    onError: (error) => {
      setErrors(
        applyServerErrors(form, error, {
          templateId: ['templateId'],
          evaluatorOrgId: ['evaluatorOrgId'],
          assigneeUserIds: ['assigneeUserIds'],
          dueOn: ['dueOn'],
        }),
      );
      if (isApiError(error) && error.status === 409) onCancel();
    },
  });

  // The first active template (the seeded MZ/T 059-2014 one) once the list has loaded.
  const first = templates.data?.[0]?.id;
  useEffect(() => {
    if (first && !form.getFieldValue('templateId')) form.setFieldValue('templateId', first);
  }, [first, form]);
  return (
    <Card
      size="small"
      title={
        <h2 className="sg-card-title">{t('evaluations.assign.title', { kind: t(`evaluations.kinds.${kind}`) })}</h2>
      }
      data-testid="evaluation-assign"
    >
      <FormErrorAlert messages={errors} />
      {noOrgs || noUsers ? (
        <Alert
          type="warning"
          showIcon
          className="sg-form-alert"
          data-testid="evaluation-assign-unavailable"
          title={noOrgs ? t('evaluations.assign.noOrgs') : t('evaluations.assign.noUsers')}
          description={t('evaluations.assign.askBureau')}
        />
      ) : null}
      <Form<Values>
        form={form}
        name="evaluation-assign"
        layout="vertical"
        initialValues={{ assigneeUserIds: [], dueOn: null }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
      >
        <div className="sg-form-narrow">
          <Form.Item
            name="templateId"
            label={t('evaluations.fields.template')}
            rules={[{ required: true, message: t('evaluations.assign.templateRequired') }]}
          >
            <Select
              loading={templates.isPending}
              options={(templates.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
              placeholder={t('evaluations.assign.pickTemplate')}
            />
          </Form.Item>
        </div>
        {template ? <TemplatePreview template={template} /> : null}
        <div className="sg-form-narrow">
          <Form.Item
            name="evaluatorOrgId"
            label={t('evaluations.fields.evaluatorOrg')}
            rules={[{ required: true, message: t('evaluations.assign.orgRequired') }]}
          >
            <Select
              loading={directory.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={orgOptions}
              placeholder={t('evaluations.assign.pickOrg')}
              onChange={() => form.setFieldValue('assigneeUserIds', [])}
            />
          </Form.Item>
          <Form.Item
            name="assigneeUserIds"
            label={t('evaluations.fields.assignees')}
            rules={[{ required: true, type: 'array', min: 1, message: t('evaluations.assign.assigneesRequired') }]}
          >
            <Select
              mode="multiple"
              disabled={!orgId}
              loading={directory.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={userOptions}
              placeholder={orgId ? t('evaluations.assign.pickAssignees') : t('evaluations.assign.pickOrgFirst')}
            />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('evaluations.fields.dueOn')}
            rules={[{ required: true, message: t('evaluations.assign.dueRequired') }]}
          >
            <DatePicker className="sg-full-width" disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()} />
          </Form.Item>
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="evaluation-assign-submit">
            {t('evaluations.assign.submit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
