import { CopyOutlined, DownOutlined, PlusOutlined, StopOutlined, UpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type EvaluationTemplate,
  type EvaluationTemplateListParams,
  listEvaluationTemplates,
  queryKeys,
  retireEvaluationTemplate,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { oneOf, TableEmpty } from '../projects/projectBits';
import { EvaluationTemplateDrawer } from './EvaluationTemplateForm';
import {
  criteriaByDimension,
  formatHundredths,
  sumHundredths,
  TemplateCriteria,
  TemplateInUseTag,
  TemplateStatusTag,
  useFullBandsText,
} from './evaluationTemplateBits';
import './evaluationTemplates.css';

const FILTER_KEYS = ['status'] as const;
const STATUSES = ['active', 'retired'] as const;
const ALL = 'all';

function TemplateItem({
  template,
  expanded,
  onToggle,
  onCopy,
  onRetire,
}: {
  template: EvaluationTemplate;
  expanded: boolean;
  onToggle: () => void;
  onCopy: () => void;
  onRetire: () => void;
}) {
  const { t } = useTranslation();
  const fullBandsText = useFullBandsText();
  const titleId = `template-${template.id}-title`;
  const criteriaId = `template-${template.id}-criteria`;
  const total = sumHundredths(template.criteria.map((c) => c.weight));
  return (
    <li className="sg-template" data-testid="evaluation-template" data-template-id={template.id}>
      <article aria-labelledby={titleId}>
        <div className="sg-template-head">
          <h2 className="sg-template-name" id={titleId}>
            {template.name}
          </h2>
          <span className="sg-tags">
            <TemplateStatusTag active={template.active} />
            {template.inUse ? <TemplateInUseTag /> : null}
          </span>
        </div>
        {template.description ? <p className="sg-template-description">{template.description}</p> : null}
        <dl className="sg-template-facts">
          <div>
            <dt>{t('evaluationTemplates.fields.totalWeight')}</dt>
            <dd data-testid="template-total">{t('evaluationTemplates.points', { points: formatHundredths(total) })}</dd>
          </div>
          <div>
            <dt>{t('evaluationTemplates.fields.bands')}</dt>
            <dd data-testid="template-bands">{fullBandsText(template)}</dd>
          </div>
          <div>
            <dt>{t('evaluationTemplates.fields.criteria')}</dt>
            <dd>
              {t('evaluationTemplates.criteriaCount', {
                dimensions: criteriaByDimension(template).length,
                count: template.criteria.length,
              })}
            </dd>
          </div>
          <div>
            <dt>{t('evaluationTemplates.fields.createdAt')}</dt>
            <dd>{formatDateTime(template.createdAt)}</dd>
          </div>
        </dl>
        <div className="sg-template-actions">
          <Button
            icon={expanded ? <UpOutlined /> : <DownOutlined />}
            aria-expanded={expanded}
            aria-controls={criteriaId}
            aria-describedby={titleId}
            onClick={onToggle}
            data-testid="template-toggle"
          >
            {expanded ? t('evaluationTemplates.hideCriteria') : t('evaluationTemplates.showCriteria')}
          </Button>
          <Button icon={<CopyOutlined />} aria-describedby={titleId} onClick={onCopy} data-testid="template-copy">
            {t('evaluationTemplates.copy')}
          </Button>
          {template.active ? (
            <Button
              danger
              icon={<StopOutlined />}
              aria-describedby={titleId}
              onClick={onRetire}
              data-testid="template-retire"
            >
              {t('evaluationTemplates.retire')}
            </Button>
          ) : null}
        </div>
        {expanded ? <TemplateCriteria template={template} id={criteriaId} /> : null}
      </article>
    </li>
  );
}

/**
 * /console/evaluation-templates — 评估模板 (bureau_admin): the templates evaluators score with, after MZ/T 059-2014.
 * A template is never edited; a change is a new template (often copied from the old one), and the old one retired.
 */
export default function EvaluationTemplatesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { filters, setFilters } = useListParams(FILTER_KEYS);
  const status = oneOf(STATUSES, filters.status);
  const params: EvaluationTemplateListParams = status ? { active: status === 'active' ? 'true' : 'false' } : {};
  const list = useQuery({
    queryKey: queryKeys.evaluationTemplateList(params),
    queryFn: ({ signal }) => listEvaluationTemplates({ signal }, params),
    placeholderData: keepPreviousData,
  });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Each opening of the drawer is a fresh form (a new key); `open` false lets it slide away.
  const [drawer, setDrawer] = useState<{ key: number; open: boolean; from?: EvaluationTemplate }>({
    key: 0,
    open: false,
  });

  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const openDrawer = (from?: EvaluationTemplate) => setDrawer((d) => ({ key: d.key + 1, open: true, from }));
  const closeDrawer = () => setDrawer((d) => ({ ...d, open: false }));
  // Also refreshes the assign form's list of active templates (same key prefix).
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.evaluationTemplates });

  const retire = (template: EvaluationTemplate) => {
    modal.confirm({
      title: t('evaluationTemplates.retireTitle', { name: template.name }),
      content: t('evaluationTemplates.retireText'),
      okText: t('evaluationTemplates.retire'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await retireEvaluationTemplate(template.id);
          message.success(t('evaluationTemplates.retired'));
        } catch (error) {
          message.error(error instanceof Error ? error.message : t('errors.unexpected'));
        }
        await refresh();
      },
    });
  };

  const items = list.data ?? [];
  return (
    <>
      <PageHeader
        title={t('evaluationTemplates.title')}
        description={t('evaluationTemplates.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer()} data-testid="template-new">
            {t('evaluationTemplates.create')}
          </Button>
        }
      />
      <Card>
        <fieldset className="sg-fieldset sg-toolbar">
          <legend className="sg-visually-hidden">{t('evaluationTemplates.statusFilter')}</legend>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={status ?? ALL}
            onChange={(e) => setFilters({ status: e.target.value === ALL ? undefined : (e.target.value as string) })}
            data-testid="template-status-filter"
            options={[
              { value: ALL, label: t('evaluationTemplates.filter.all') },
              { value: 'active', label: t('evaluationTemplates.filter.active') },
              { value: 'retired', label: t('evaluationTemplates.filter.retired') },
            ]}
          />
        </fieldset>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <FullPageSpin inline />
        ) : items.length === 0 ? (
          <TableEmpty text={status ? t('evaluationTemplates.emptyFiltered') : t('evaluationTemplates.empty')} />
        ) : (
          <ul className="sg-plain-list sg-templates" aria-busy={list.isFetching} data-testid="evaluation-templates">
            {items.map((template) => (
              <TemplateItem
                key={template.id}
                template={template}
                expanded={expanded.has(template.id)}
                onToggle={() => toggle(template.id)}
                onCopy={() => openDrawer(template)}
                onRetire={() => retire(template)}
              />
            ))}
          </ul>
        )}
      </Card>
      <EvaluationTemplateDrawer
        key={drawer.key}
        open={drawer.open}
        from={drawer.from}
        onClose={closeDrawer}
        onCreated={(created) => {
          closeDrawer();
          message.success(t('evaluationTemplates.created', { name: created.name }));
          // Show the new template, open, at the top of the list (active ones first, newest first).
          if (status === 'retired') setFilters({ status: undefined });
          setExpanded((prev) => new Set(prev).add(created.id));
          void refresh();
        }}
      />
    </>
  );
}
