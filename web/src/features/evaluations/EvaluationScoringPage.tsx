import { ArrowLeftOutlined, CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { EVALUATION_DIMENSIONS, type EvaluationDimension, gradeOf } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import {
  type EvaluationDetail,
  getEvaluation,
  queryKeys,
  type SaveScoresBody,
  saveEvaluationScores,
  submitEvaluation,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { type FieldPath, splitServerErrors } from '../../components/serverErrors';
import { isUuid } from '../../components/tableDefaults';
import NotFoundPage from '../errors/NotFoundPage';
import { projectPath, useProjectVocabulary } from '../projects/projectBits';
import { todayInShanghai } from '../registry/dates';
import {
  EVALUATIONS_PATH,
  EvaluationGradeTag,
  EvaluationKindTag,
  type EvaluationLinkState,
  EvaluationStatusTag,
  formatScore,
  OverdueTag,
  toHundredths,
  useBandsText,
} from './evaluationBits';
import './evaluations.css';

type Criterion = EvaluationDetail['criteria'][number];

interface ItemValues {
  score: number | null;
  comment: string;
  evidence: string;
}

interface ScoreValues {
  scores: Record<string, ItemValues>;
  summary: string;
}

const scored = (v: ItemValues | undefined): v is ItemValues & { score: number } =>
  typeof v?.score === 'number' && Number.isFinite(v.score);

/** The template's criteria under the four MZ/T 059-2014 dimensions, in the template's order. */
function byDimension(criteria: Criterion[]) {
  return EVALUATION_DIMENSIONS.map((dimension) => ({
    dimension,
    items: criteria.filter((c) => c.dimension === dimension).sort((a, b) => a.sort - b.sort),
  })).filter((g) => g.items.length > 0);
}

function initialValues(evaluation: EvaluationDetail): ScoreValues {
  return {
    summary: evaluation.summary,
    scores: Object.fromEntries(
      evaluation.criteria.map((c) => [c.id, { score: c.score, comment: c.comment, evidence: c.evidence }]),
    ),
  };
}

/** Sum and grade of what is entered now (in hundredths, like the server). */
function useRunningTotal(evaluation: EvaluationDetail, scores: Record<string, ItemValues> | undefined) {
  return useMemo(() => {
    let hundredths = 0;
    let count = 0;
    const perDimension = new Map<EvaluationDimension, { score: number; weight: number }>();
    for (const c of evaluation.criteria) {
      const v = scores?.[c.id];
      const entry = perDimension.get(c.dimension) ?? { score: 0, weight: 0 };
      entry.weight += toHundredths(c.weight);
      if (scored(v)) {
        hundredths += toHundredths(v.score);
        entry.score += toHundredths(v.score);
        count += 1;
      }
      perDimension.set(c.dimension, entry);
    }
    const total = hundredths / 100;
    return {
      total,
      count,
      missing: evaluation.criteria.length - count,
      grade: gradeOf(total, evaluation.template),
      perDimension,
    };
  }, [evaluation, scores]);
}

/** One criterion: its weight and guidance, then score (0..weight, two decimals), comment and evidence. */
function CriterionFields({ criterion, index }: { criterion: Criterion; index: number }) {
  const { t } = useTranslation();
  const weight = formatScore(criterion.weight);
  return (
    <li className="sg-criterion" data-testid="criterion" data-criterion-id={criterion.id}>
      {/* The group is named by its heading, which also lets a screen reader jump from item to item. */}
      <fieldset className="sg-fieldset" aria-labelledby={`criterion-${criterion.id}`}>
        <div className="sg-criterion-legend">
          <h3 className="sg-criterion-name" id={`criterion-${criterion.id}`}>
            {criterion.name}
          </h3>
          <span className="sg-criterion-weight">{t('evaluations.scoring.weight', { weight })}</span>
        </div>
        {criterion.guidance ? <p className="sg-criterion-guidance">{criterion.guidance}</p> : null}
        <div className="sg-criterion-fields">
          <Form.Item
            name={['scores', criterion.id, 'score']}
            label={t('evaluations.scoring.score', { weight })}
            className="sg-criterion-score"
            rules={[
              {
                validator: (_r, value: number | null | undefined) => {
                  if (value === null || value === undefined) return Promise.resolve();
                  return value >= 0 && toHundredths(value) <= toHundredths(criterion.weight)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('evaluations.scoring.scoreRange', { weight })));
                },
              },
            ]}
          >
            <InputNumber<number>
              min={0}
              max={criterion.weight}
              precision={2}
              step={0.5}
              inputMode="decimal"
              className="sg-full-width"
              data-testid={`score-${index}`}
            />
          </Form.Item>
          <Form.Item
            name={['scores', criterion.id, 'comment']}
            label={t('evaluations.scoring.comment')}
            rules={[{ max: 2000, message: t('evaluations.scoring.textMax', { max: 2000 }) }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={2000}
              data-testid={`comment-${index}`}
              placeholder={t('evaluations.scoring.commentPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            name={['scores', criterion.id, 'evidence']}
            label={t('evaluations.scoring.evidence')}
            rules={[{ max: 2000, message: t('evaluations.scoring.textMax', { max: 2000 }) }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={2000}
              data-testid={`evidence-${index}`}
              placeholder={t('evaluations.scoring.evidencePlaceholder')}
            />
          </Form.Item>
        </div>
      </fieldset>
    </li>
  );
}

/** A criterion as scored (after submission, or for readers). */
function CriterionResult({ criterion }: { criterion: Criterion }) {
  const { t } = useTranslation();
  return (
    <li className="sg-criterion" data-testid="criterion" data-criterion-id={criterion.id}>
      <div className="sg-criterion-legend">
        <h3 className="sg-criterion-name">{criterion.name}</h3>
        <span className="sg-criterion-weight">
          {t('evaluations.scoring.scoreOf', {
            score: formatScore(criterion.score, t('evaluations.scoring.unscored')),
            weight: formatScore(criterion.weight),
          })}
        </span>
      </div>
      {criterion.guidance ? <p className="sg-criterion-guidance">{criterion.guidance}</p> : null}
      <dl className="sg-criterion-result">
        <div>
          <dt>{t('evaluations.scoring.comment')}</dt>
          <dd className="sg-pre-line">{criterion.comment || t('common.empty')}</dd>
        </div>
        <div>
          <dt>{t('evaluations.scoring.evidence')}</dt>
          <dd className="sg-pre-line">{criterion.evidence || t('common.empty')}</dd>
        </div>
      </dl>
    </li>
  );
}

function DimensionHeading({
  dimension,
  subtotal,
}: {
  dimension: EvaluationDimension;
  subtotal: { score: number; weight: number } | undefined;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  return (
    <div className="sg-dimension-head">
      <Typography.Title level={2} className="sg-section-title">
        {vocabulary.dimension(dimension)}
      </Typography.Title>
      {subtotal ? (
        <span className="sg-muted" data-testid={`subtotal-${dimension}`}>
          {t('evaluations.scoring.subtotal', {
            score: formatScore(subtotal.score / 100),
            weight: formatScore(subtotal.weight / 100),
          })}
        </span>
      ) : null}
    </div>
  );
}

function ScoringForm({ evaluation, onReload }: { evaluation: EvaluationDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const vocabulary = useProjectVocabulary();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ScoreValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [initial] = useState(() => initialValues(evaluation));
  const watched = Form.useWatch('scores', form) as Record<string, ItemValues> | undefined;
  const running = useRunningTotal(evaluation, watched ?? initial.scores);
  const groups = byDimension(evaluation.criteria);
  const indexOf = new Map(evaluation.criteria.map((c) => [c.id, groups.flatMap((g) => g.items).indexOf(c)]));

  // Leaving the page (closing the tab, reloading) with unsaved scores asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** The draft as it stands: scored criteria only (the server keeps nothing for an unscored one). */
  const bodyOf = (values: ScoreValues, version: number): SaveScoresBody => ({
    scores: evaluation.criteria
      .filter((c) => scored(values.scores?.[c.id]))
      .map((c) => {
        const v = values.scores[c.id] as ItemValues & { score: number };
        return {
          criterionId: c.id,
          score: toHundredths(v.score) / 100,
          comment: (v.comment ?? '').trim(),
          evidence: (v.evidence ?? '').trim(),
        };
      }),
    summary: (values.summary ?? '').trim(),
    version,
  });

  /** Server issues on `body.scores.3.score` land on the criterion that was third in the request. */
  const showErrors = (error: unknown, body: SaveScoresBody | null) => {
    const map: Record<string, FieldPath> = { summary: ['summary'] };
    body?.scores.forEach((s, i) => {
      for (const f of ['score', 'comment', 'evidence', 'criterionId'])
        map[`scores.${i}.${f}`] = ['scores', s.criterionId, f === 'criterionId' ? 'score' : f];
    });
    if (isApiError(error) && error.code === 'evaluation.incomplete') {
      const ids = (error.details as { criterionIds?: string[] } | undefined)?.criterionIds ?? [];
      form.setFields(ids.map((id) => ({ name: ['scores', id, 'score'], errors: [t('evaluations.scoring.required')] })));
    }
    const { fields, general } = splitServerErrors(error, map);
    if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setErrors(general);
    if (isApiError(error) && error.status === 409) onReload();
  };

  const store = (next: EvaluationDetail) => {
    queryClient.setQueryData(queryKeys.evaluation(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.evaluations,
      predicate: (q) => q.queryKey[1] !== 'detail',
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.projects });
  };

  const save = useMutation({
    mutationFn: (body: SaveScoresBody) => saveEvaluationScores(evaluation.id, body),
    onSuccess: (next) => {
      store(next);
      setDirty(false);
      setErrors(null);
      message.success(t('evaluations.scoring.saved'));
    },
    onError: (error, body) => showErrors(error, body),
  });

  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async () => {
    setErrors(null);
    const values = form.getFieldsValue(true) as ScoreValues;
    const missing = evaluation.criteria.filter((c) => !scored(values.scores?.[c.id]));
    if (missing.length > 0) {
      form.setFields(
        missing.map((c) => ({ name: ['scores', c.id, 'score'], errors: [t('evaluations.scoring.required')] })),
      );
      setErrors([t('evaluations.scoring.missing', { n: missing.length })]);
      form.scrollToField(['scores', missing[0]?.id ?? '', 'score'], { block: 'center' });
      return;
    }
    try {
      await form.validateFields();
    } catch {
      return;
    }
    modal.confirm({
      title: t('evaluations.scoring.confirmTitle'),
      content: (
        <div className="sg-stack-tight">
          <span>
            {t('evaluations.scoring.confirmTotal', {
              total: formatScore(running.total),
              grade: vocabulary.grade(running.grade),
            })}
          </span>
          <span>{t('evaluations.scoring.confirmText')}</span>
        </div>
      ),
      okText: t('evaluations.scoring.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setSubmitting(true);
        let body: SaveScoresBody | null = null;
        try {
          // The form as it stands is saved first, then submitted with the version that save returned.
          const current = queryClient.getQueryData<EvaluationDetail>(queryKeys.evaluation(evaluation.id)) ?? evaluation;
          body = bodyOf(values, current.version);
          const saved = await saveEvaluationScores(evaluation.id, body);
          body = null;
          const next = await submitEvaluation(evaluation.id, saved.version);
          setDirty(false);
          store(next);
          message.success(t('evaluations.scoring.submitted'));
        } catch (error) {
          showErrors(error, body);
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  return (
    <Form<ScoreValues>
      form={form}
      name="evaluation-scores"
      layout="vertical"
      initialValues={initial}
      onValuesChange={() => setDirty(true)}
      onFinish={(values) => {
        setErrors(null);
        const current = queryClient.getQueryData<EvaluationDetail>(queryKeys.evaluation(evaluation.id)) ?? evaluation;
        save.mutate(bodyOf(values, current.version));
      }}
      className="sg-scoring-form"
    >
      <FormErrorAlert messages={errors} />
      {groups.map((g) => (
        <section key={g.dimension} className="sg-dimension" data-testid={`dimension-${g.dimension}`}>
          <DimensionHeading dimension={g.dimension} subtotal={running.perDimension.get(g.dimension)} />
          <ol className="sg-plain-list sg-criteria">
            {g.items.map((c) => (
              <CriterionFields key={c.id} criterion={c} index={indexOf.get(c.id) ?? 0} />
            ))}
          </ol>
        </section>
      ))}
      <section className="sg-dimension">
        <Typography.Title level={2} className="sg-section-title">
          {t('evaluations.scoring.summaryTitle')}
        </Typography.Title>
        <Form.Item
          name="summary"
          label={t('evaluations.scoring.summary')}
          rules={[{ max: 5000, message: t('evaluations.scoring.textMax', { max: 5000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} data-testid="evaluation-summary" />
        </Form.Item>
      </section>
      <div className="sg-score-bar" data-testid="score-bar">
        <div className="sg-score-bar-total" role="status" aria-live="polite" aria-atomic="true">
          <span className="sg-score-bar-number" data-testid="running-total">
            {t('evaluations.scoring.total', { total: formatScore(running.total) })}
          </span>
          <span data-testid="running-grade">
            {t('evaluations.scoring.gradeWouldBe')}
            <EvaluationGradeTag grade={running.grade} />
          </span>
          <span className="sg-muted" data-testid="running-count">
            {running.missing > 0
              ? t('evaluations.scoring.progress', { count: running.count, total: evaluation.criteria.length })
              : t('evaluations.scoring.allScored')}
          </span>
        </div>
        <Space wrap className="sg-score-bar-actions">
          <Button htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="evaluation-save">
            {t('evaluations.scoring.saveDraft')}
          </Button>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            loading={submitting}
            onClick={() => void onSubmit()}
            data-testid="evaluation-submit"
          >
            {t('evaluations.scoring.submit')}
          </Button>
        </Space>
      </div>
    </Form>
  );
}

function ScoringResult({ evaluation }: { evaluation: EvaluationDetail }) {
  const { t } = useTranslation();
  const groups = byDimension(evaluation.criteria);
  const perDimension = new Map<EvaluationDimension, { score: number; weight: number }>();
  for (const c of evaluation.criteria) {
    const entry = perDimension.get(c.dimension) ?? { score: 0, weight: 0 };
    entry.weight += toHundredths(c.weight);
    entry.score += c.score === null ? 0 : toHundredths(c.score);
    perDimension.set(c.dimension, entry);
  }
  const submitted = evaluation.status === 'submitted';
  return (
    <div className="sg-stack">
      {submitted ? (
        <Alert
          type="success"
          showIcon
          data-testid="evaluation-submitted"
          title={t('evaluations.scoring.submittedBanner', {
            at: formatDateTime(evaluation.submittedAt),
            total: formatScore(evaluation.totalScore),
          })}
          description={
            <span>
              {t('evaluations.scoring.finalGrade')}
              <EvaluationGradeTag grade={evaluation.grade} />
            </span>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('evaluations.scoring.readOnly')} />
      )}
      {groups.map((g) => (
        <section key={g.dimension} className="sg-dimension" data-testid={`dimension-${g.dimension}`}>
          <DimensionHeading dimension={g.dimension} subtotal={perDimension.get(g.dimension)} />
          <ol className="sg-plain-list sg-criteria">
            {g.items.map((c) => (
              <CriterionResult key={c.id} criterion={c} />
            ))}
          </ol>
        </section>
      ))}
      <section className="sg-dimension">
        <Typography.Title level={2} className="sg-section-title">
          {t('evaluations.scoring.summaryTitle')}
        </Typography.Title>
        <p className="sg-pre-line">{evaluation.summary || t('common.empty')}</p>
      </section>
    </div>
  );
}

function ScoringView({ evaluation, onReload }: { evaluation: EvaluationDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const bandsText = useBandsText();
  const evaluatorView = me.roles.includes('evaluator');
  const back =
    (location.state as EvaluationLinkState | null)?.back ??
    (evaluatorView ? EVALUATIONS_PATH : `${projectPath(evaluation.projectId)}?tab=evaluations`);
  const overdue = evaluation.status === 'assigned' && !!evaluation.dueOn && evaluation.dueOn < todayInShanghai();
  const title = t('evaluations.scoring.title', { kind: t(`evaluations.kinds.${evaluation.kind}`) });

  return (
    <div className="sg-scoring-page">
      <PageHeader
        title={title}
        description={
          <span className="sg-tags">
            <span className="sg-mono">{evaluation.projectCode}</span>
            <span data-testid="evaluation-project">{evaluation.projectTitle}</span>
            <EvaluationKindTag kind={evaluation.kind} />
            <EvaluationStatusTag status={evaluation.status} />
            {overdue ? <OverdueTag /> : null}
          </span>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
            {t('evaluations.scoring.back')}
          </Button>
        }
      />
      <Card className="sg-detail-card">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'template', label: t('evaluations.fields.template'), children: evaluation.template.name },
            { key: 'org', label: t('evaluations.fields.evaluatorOrg'), children: evaluation.evaluatorOrgName },
            {
              key: 'assignees',
              label: t('evaluations.fields.assignees'),
              children: evaluation.assignees.map((a) => a.displayName).join(t('common.listSeparator')),
            },
            { key: 'due', label: t('evaluations.fields.dueOn'), children: evaluation.dueOn ?? t('common.empty') },
            { key: 'bands', label: t('evaluations.fields.bands'), children: bandsText(evaluation.template) },
            {
              key: 'total',
              label: t('evaluations.fields.total'),
              children: <EvaluationGradeTag grade={evaluation.grade} score={evaluation.totalScore} />,
            },
          ]}
        />
      </Card>
      <Card>
        {evaluation.can.score ? (
          <>
            <Typography.Paragraph type="secondary">{t('evaluations.scoring.intro')}</Typography.Paragraph>
            <ScoringForm evaluation={evaluation} onReload={onReload} />
          </>
        ) : (
          <ScoringResult evaluation={evaluation} />
        )}
      </Card>
    </div>
  );
}

/** /console/evaluations/:evaluationId — the scoring form for an assigned evaluator, read-only for everyone else. */
export default function EvaluationScoringPage() {
  const { evaluationId } = useParams();
  const valid = isUuid(evaluationId);
  const detail = useQuery({
    queryKey: queryKeys.evaluation(evaluationId ?? ''),
    queryFn: ({ signal }) => getEvaluation(evaluationId ?? '', { signal }),
    enabled: valid,
  });
  if (!valid || (isApiError(detail.error) && [400, 404].includes(detail.error.status))) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  // A new form after submission (read-only) — not after each draft save, so typing is never interrupted.
  return (
    <ScoringView
      key={`${detail.data.id}:${detail.data.status}:${detail.data.can.score}`}
      evaluation={detail.data}
      onReload={() => void detail.refetch()}
    />
  );
}
