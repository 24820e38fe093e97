import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CLOSING_REASONS, type RecordKind } from '../../../../contracts/api/cases';
import { SCALE_IDS, SCALES, type ScaleId } from '../../../../contracts/scales';
import type { CaseRecord } from '../../api/endpoints';
import type { FieldPath } from '../../components/serverErrors';
import { fromDay, isAfterToday, toDay, todayAsDay } from '../registry/dates';
import { useCaseVocabulary } from './caseBits';

export const ATTAINMENTS = ['achieved', 'partly', 'not_achieved'] as const;
type Attainment = (typeof ATTAINMENTS)[number];
type ClosingReason = (typeof CLOSING_REASONS)[number];
/** The content forms take at most this many goals (the server's limit). */
const MAX_GOALS = 20;

interface PlanGoalValues {
  goal?: string;
  measure?: string;
  target?: string;
  dueOn?: Dayjs | null;
}

interface EvaluationGoalValues {
  goal?: string;
  attainment?: Attainment;
  note?: string;
}

/** One form for every kind; each kind uses its own fields (names as in the record content, dates as Dayjs). */
export interface RecordValues {
  summary?: string;
  needs?: string[];
  scale?: ScaleId;
  answers?: Record<string, number | undefined>;
  notes?: string;
  goals?: Array<PlanGoalValues & EvaluationGoalValues>;
  approach?: string;
  heldOn?: Dayjs | null;
  durationMinutes?: number | null;
  reason?: ClosingReason;
  note?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];

/** The goals of a plan as an evaluation starts them: each goal to be rated. */
export function goalsToEvaluate(plan: CaseRecord | undefined): EvaluationGoalValues[] {
  return list(plan?.content.goals).map((g) => ({ goal: str(g.goal), attainment: undefined, note: '' }));
}

/** The form's starting values: a new record's defaults, or the content of the record edited or amended. */
export function initialValues(kind: RecordKind, content: Record<string, unknown> | undefined, plan?: CaseRecord) {
  const c = content ?? {};
  switch (kind) {
    case 'intake':
      return { summary: str(c.summary), needs: Array.isArray(c.needs) ? c.needs.map(String) : [] };
    case 'assessment': {
      const scale = (SCALE_IDS as readonly string[]).includes(str(c.scale)) ? (c.scale as ScaleId) : SCALE_IDS[0];
      const answers = typeof c.answers === 'object' && c.answers !== null ? (c.answers as Record<string, number>) : {};
      return { scale, answers: { ...answers }, notes: str(c.notes) };
    }
    case 'plan': {
      const goals = list(c.goals).map((g) => ({
        goal: str(g.goal),
        measure: str(g.measure),
        target: str(g.target),
        dueOn: toDay(str(g.dueOn)),
      }));
      return { goals: goals.length > 0 ? goals : [{}], approach: str(c.approach) };
    }
    case 'session':
      return {
        heldOn: content ? toDay(str(c.heldOn)) : todayAsDay(),
        durationMinutes: num(c.durationMinutes) ?? null,
        summary: str(c.summary),
      };
    case 'evaluation': {
      const goals = content
        ? list(c.goals).map((g) => ({ goal: str(g.goal), attainment: g.attainment as Attainment, note: str(g.note) }))
        : goalsToEvaluate(plan);
      return { goals: goals.length > 0 ? goals : [{}], summary: str(c.summary) };
    }
    case 'closing':
      return { reason: content ? (c.reason as ClosingReason) : undefined, note: str(c.note) };
    case 'follow_up':
      return { heldOn: content ? toDay(str(c.heldOn)) : todayAsDay(), summary: str(c.summary) };
  }
}

/**
 * The record content the server expects for the kind. Only the form's own fields are sent: what the server adds
 * (an assessment's total and band) is never sent back, since the content forms accept no other keys.
 */
export function toContent(kind: RecordKind, v: RecordValues): Record<string, unknown> {
  const trim = (s: string | undefined) => s?.trim() ?? '';
  switch (kind) {
    case 'intake':
      return { summary: trim(v.summary), needs: (v.needs ?? []).map((n) => n.trim()).filter(Boolean) };
    case 'assessment':
      return { scale: v.scale, answers: { ...v.answers }, notes: trim(v.notes) };
    case 'plan':
      return {
        goals: (v.goals ?? []).map((g) => ({
          goal: trim(g.goal),
          measure: trim(g.measure),
          target: trim(g.target),
          dueOn: fromDay(g.dueOn) ?? '',
        })),
        approach: trim(v.approach),
      };
    case 'session':
      return { heldOn: fromDay(v.heldOn) ?? '', durationMinutes: v.durationMinutes, summary: trim(v.summary) };
    case 'evaluation':
      return {
        goals: (v.goals ?? []).map((g) => ({ goal: trim(g.goal), attainment: g.attainment, note: trim(g.note) })),
        summary: trim(v.summary),
      };
    case 'closing':
      return { reason: v.reason, note: trim(v.note) };
    case 'follow_up':
      return { heldOn: fromDay(v.heldOn) ?? '', summary: trim(v.summary) };
  }
}

/** The server's issue fields (`content.goals.0.dueOn`, without `body.`) → the form's fields. */
export function contentFieldMap(kind: RecordKind, scale: ScaleId | undefined): Record<string, FieldPath> {
  const map: Record<string, FieldPath> = {};
  const field = (...names: string[]) => {
    for (const name of names) map[`content.${name}`] = [name];
  };
  const goals = (...names: string[]) => {
    map['content.goals'] = ['goals'];
    for (let i = 0; i < MAX_GOALS; i += 1)
      for (const name of names) map[`content.goals.${i}.${name}`] = ['goals', i, name];
  };
  switch (kind) {
    case 'intake':
      field('summary', 'needs');
      break;
    case 'assessment':
      field('scale', 'notes');
      map['content.answers'] = ['scale'];
      for (const item of SCALES[scale ?? SCALE_IDS[0]].items)
        map[`content.answers.${item.key}`] = ['answers', item.key];
      break;
    case 'plan':
      field('approach');
      goals('goal', 'measure', 'target', 'dueOn');
      break;
    case 'session':
      field('heldOn', 'durationMinutes', 'summary');
      break;
    case 'evaluation':
      field('summary');
      goals('goal', 'attainment', 'note');
      break;
    case 'closing':
      field('reason', 'note');
      break;
    case 'follow_up':
      field('heldOn', 'summary');
      break;
  }
  return map;
}

// ---- the fields of each kind ------------------------------------------------------------------------------------

function SummaryItem({ label, required = true }: { label?: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="summary"
      label={label ?? t('cases.form.summary')}
      rules={required ? [{ required: true, whitespace: true, message: t('cases.form.summaryRequired') }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} showCount data-testid="record-summary" />
    </Form.Item>
  );
}

function HeldOnItem() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="heldOn"
      label={t('cases.form.heldOn')}
      rules={[{ required: true, message: t('cases.form.heldOnRequired') }]}
    >
      <DatePicker className="sg-full-width" disabledDate={isAfterToday} />
    </Form.Item>
  );
}

function IntakeFields() {
  const { t } = useTranslation();
  return (
    <>
      <SummaryItem label={t('cases.form.intakeSummary')} />
      {/* Free text, one need per Enter (or comma): kept closed, so that Tab never picks an offered option. */}
      <Form.Item name="needs" label={t('cases.form.needs')} extra={t('cases.form.needsHint')}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          maxCount={20}
          tokenSeparators={[',', '，', '、']}
          data-testid="record-needs"
        />
      </Form.Item>
    </>
  );
}

/** A standard scale from contracts/scales.ts: each item a choice among its allowed scores, the total live. */
function AssessmentFields() {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const form = Form.useFormInstance<RecordValues>();
  const scaleId = Form.useWatch('scale', form) ?? SCALE_IDS[0];
  const answers = Form.useWatch('answers', form) ?? {};
  const scale = SCALES[scaleId];
  const answered = scale.items.filter((i) => typeof answers[i.key] === 'number');
  const total = answered.reduce((sum, i) => sum + (answers[i.key] ?? 0), 0);
  const band =
    answered.length === scale.items.length ? scale.bands.find((b) => total >= b.min && total <= b.max) : undefined;
  return (
    <>
      <Form.Item
        name="scale"
        label={t('cases.form.scale')}
        rules={[{ required: true, message: t('cases.form.scaleRequired') }]}
      >
        <Select options={SCALE_IDS.map((id) => ({ value: id, label: vocabulary.scale(id) }))} />
      </Form.Item>
      <fieldset className="sg-fieldset sg-case-group" data-testid="scale-items">
        <legend>{vocabulary.name(scale.name)}</legend>
        {scale.items.map((item) => (
          <Form.Item
            key={item.key}
            name={['answers', item.key]}
            label={vocabulary.name(item.name)}
            rules={[{ required: true, message: t('cases.form.answerRequired') }]}
          >
            <Radio.Group
              optionType="button"
              options={item.scores.map((s) => ({ value: s, label: String(s) }))}
              aria-label={vocabulary.name(item.name)}
              data-testid={`scale-item-${item.key}`}
            />
          </Form.Item>
        ))}
        <output className="sg-case-scale-total" aria-live="polite" data-testid="scale-total">
          {t('cases.form.scaleTotal', { total, max: scale.maxTotal })}
          {band
            ? ` · ${vocabulary.name(band.name)}`
            : ` · ${t('cases.form.scaleIncomplete', { left: scale.items.length - answered.length })}`}
        </output>
      </fieldset>
      <Form.Item name="notes" label={t('cases.form.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} showCount />
      </Form.Item>
    </>
  );
}

/** SMART goals: specific (goal), measurable (measure, target) and time-bound (due date). */
function PlanFields() {
  const { t } = useTranslation();
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <Form.List
        name="goals"
        rules={[
          {
            validator: async (_, goals?: unknown[]) => {
              if (!goals || goals.length === 0) throw new Error(t('cases.form.goalsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div className="sg-stack-tight" data-testid="plan-goals">
            {fields.map((f, index) => (
              <fieldset key={f.key} className="sg-fieldset sg-case-group" data-testid={`plan-goal-${index}`}>
                <legend>{t('cases.form.goalN', { n: index + 1 })}</legend>
                <Form.Item
                  name={[f.name, 'goal']}
                  label={t('cases.form.goal')}
                  rules={required(t('cases.form.goalRequired'))}
                >
                  <Input maxLength={200} placeholder={t('cases.form.goalPlaceholder')} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'measure']}
                  label={t('cases.form.measure')}
                  rules={required(t('cases.form.measureRequired'))}
                >
                  <Input maxLength={200} placeholder={t('cases.form.measurePlaceholder')} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'target']}
                  label={t('cases.form.target')}
                  rules={required(t('cases.form.targetRequired'))}
                >
                  <Input maxLength={200} placeholder={t('cases.form.targetPlaceholder')} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'dueOn']}
                  label={t('cases.form.dueOn')}
                  rules={[{ required: true, message: t('cases.form.dueOnRequired') }]}
                >
                  <DatePicker className="sg-full-width" />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                    {t('cases.form.removeGoal', { n: index + 1 })}
                  </Button>
                ) : null}
              </fieldset>
            ))}
            <Form.ErrorList errors={errors} />
            {fields.length < MAX_GOALS ? (
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="plan-add-goal">
                {t('cases.form.addGoal')}
              </Button>
            ) : null}
          </div>
        )}
      </Form.List>
      <Form.Item name="approach" label={t('cases.form.approach')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} showCount />
      </Form.Item>
    </>
  );
}

function SessionFields() {
  const { t } = useTranslation();
  return (
    <>
      <HeldOnItem />
      <Form.Item
        name="durationMinutes"
        label={t('cases.form.durationMinutes')}
        rules={[{ required: true, message: t('cases.form.durationRequired') }]}
      >
        <InputNumber min={1} max={1440} precision={0} className="sg-full-width" data-testid="record-duration" />
      </Form.Item>
      <SummaryItem />
    </>
  );
}

/** Each goal of the approved plan, rated; goals can be added when the plan did not foresee one. */
function EvaluationFields({ planned }: { planned: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {planned ? null : <Typography.Paragraph type="secondary">{t('cases.form.noApprovedPlan')}</Typography.Paragraph>}
      <Form.List name="goals">
        {(fields, { add, remove }) => (
          <div className="sg-stack-tight" data-testid="evaluation-goals">
            {fields.map((f, index) => (
              <fieldset key={f.key} className="sg-fieldset sg-case-group" data-testid={`evaluation-goal-${index}`}>
                <legend>{t('cases.form.goalN', { n: index + 1 })}</legend>
                <Form.Item
                  name={[f.name, 'goal']}
                  label={t('cases.form.goal')}
                  rules={[{ required: true, whitespace: true, message: t('cases.form.goalRequired') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'attainment']}
                  label={t('cases.form.attainment')}
                  rules={[{ required: true, message: t('cases.form.attainmentRequired') }]}
                >
                  <Radio.Group
                    options={ATTAINMENTS.map((a) => ({ value: a, label: t(`cases.attainment.${a}`) }))}
                    aria-label={t('cases.form.attainment')}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'note']} label={t('cases.form.goalNote')}>
                  <Input maxLength={1000} />
                </Form.Item>
                {fields.length > 1 ? (
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                    {t('cases.form.removeGoal', { n: index + 1 })}
                  </Button>
                ) : null}
              </fieldset>
            ))}
            {fields.length < MAX_GOALS ? (
              <Button icon={<PlusOutlined />} onClick={() => add({ note: '' })}>
                {t('cases.form.addGoal')}
              </Button>
            ) : null}
          </div>
        )}
      </Form.List>
      <SummaryItem label={t('cases.form.evaluationSummary')} />
    </>
  );
}

function ClosingFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="reason"
        label={t('cases.form.closingReason')}
        rules={[{ required: true, message: t('cases.form.closingReasonRequired') }]}
      >
        <Select
          options={CLOSING_REASONS.map((r) => ({ value: r, label: t(`cases.closingReasons.${r}`) }))}
          data-testid="record-closing-reason"
        />
      </Form.Item>
      <Form.Item name="note" label={t('cases.form.closingNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}

function FollowUpFields() {
  return (
    <>
      <HeldOnItem />
      <SummaryItem />
    </>
  );
}

export function RecordFields({ kind, planned }: { kind: RecordKind; planned: boolean }) {
  switch (kind) {
    case 'intake':
      return <IntakeFields />;
    case 'assessment':
      return <AssessmentFields />;
    case 'plan':
      return <PlanFields />;
    case 'session':
      return <SessionFields />;
    case 'evaluation':
      return <EvaluationFields planned={planned} />;
    case 'closing':
      return <ClosingFields />;
    case 'follow_up':
      return <FollowUpFields />;
  }
}
