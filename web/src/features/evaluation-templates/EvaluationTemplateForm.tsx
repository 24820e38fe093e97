import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Drawer, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS, type EvaluationDimension } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import { createEvaluationTemplate, type EvaluationTemplate } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors, type FieldPath, sameNamedFields } from '../../components/serverErrors';
import { useIsMobile } from '../../components/useMediaQuery';
import { toHundredths } from '../evaluations/evaluationBits';
import { useProjectVocabulary } from '../projects/projectBits';
import {
  criteriaByDimension,
  FULL_MARKS_HUNDREDTHS,
  formatHundredths,
  sumHundredths,
  useFullBandsText,
} from './evaluationTemplateBits';

/** The limits of contracts/api/evaluations.ts (createTemplateBody, criterionInput). */
const NAME_MAX = 100;
const DESCRIPTION_MAX = 2000;
const GUIDANCE_MAX = 1000;
const CRITERIA_MAX = 50;

interface CriterionValues {
  dimension?: EvaluationDimension;
  name?: string;
  weight?: number | null;
  guidance?: string;
}

interface Values {
  name?: string;
  description?: string;
  excellentFrom?: number | null;
  goodFrom?: number | null;
  passFrom?: number | null;
  criteria?: CriterionValues[];
}

type Bands = { excellentFrom: number; goodFrom: number; passFrom: number };
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A blank template starts with the usual bands and one empty criterion per MZ/T 059-2014 dimension. */
function blankValues(): Values {
  return {
    name: '',
    description: '',
    excellentFrom: 90,
    goodFrom: 80,
    passFrom: 60,
    criteria: EVALUATION_DIMENSIONS.map((dimension) => ({ dimension, name: '', weight: null, guidance: '' })),
  };
}

/** 以此为基础新建: everything copied, criteria in the order the list shows them. */
function copiedValues(from: EvaluationTemplate, name: string): Values {
  return {
    name: name.slice(0, NAME_MAX),
    description: from.description,
    excellentFrom: from.excellentFrom,
    goodFrom: from.goodFrom,
    passFrom: from.passFrom,
    criteria: criteriaByDimension(from).flatMap((group) =>
      group.criteria.map((c) => ({ dimension: c.dimension, name: c.name, weight: c.weight, guidance: c.guidance })),
    ),
  };
}

/** The live total in the drawer's footer, with what is missing or too much and each dimension's share. */
function WeightTotal({ rows }: { rows: CriterionValues[] }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const total = sumHundredths(rows.map((r) => r?.weight));
  const diff = FULL_MARKS_HUNDREDTHS - total;
  const subtotals = EVALUATION_DIMENSIONS.flatMap((d) => {
    const inDimension = rows.filter((r) => r?.dimension === d);
    if (inDimension.length === 0) return [];
    const weight = formatHundredths(sumHundredths(inDimension.map((r) => r.weight)));
    return [t('evaluationTemplates.form.subtotal', { name: vocabulary.dimension(d), weight })];
  });
  return (
    <div className="sg-template-total" data-testid="template-weight-total" data-total={formatHundredths(total)}>
      <div aria-live="polite" aria-atomic="true" className="sg-template-total-line">
        <span className="sg-template-total-number">
          {t('evaluationTemplates.form.total', { total: formatHundredths(total) })}
        </span>
        <span className={diff === 0 ? 'sg-template-total-ok' : 'sg-template-total-bad'}>
          {diff === 0
            ? t('evaluationTemplates.form.totalOk')
            : diff > 0
              ? t('evaluationTemplates.form.totalShort', { diff: formatHundredths(diff) })
              : t('evaluationTemplates.form.totalOver', { diff: formatHundredths(-diff) })}
        </span>
      </div>
      {subtotals.length > 0 ? <div className="sg-muted sg-template-subtotals">{subtotals.join(' · ')}</div> : null}
    </div>
  );
}

/**
 * 新建评估模板: a drawer (full width on a phone) with the name, the grade bands and the criteria. The weights must add
 * up to exactly 100 — counted in hundredths like the server — and the bands must rise strictly; the server checks both
 * again and its field errors land on the fields. Mount it with a new key for each template to start afresh.
 */
export function EvaluationTemplateDrawer({
  open,
  from,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The template to copy (以此为基础新建), or none for a blank one. */
  from?: EvaluationTemplate;
  onClose: () => void;
  onCreated: (template: EvaluationTemplate) => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const isMobile = useIsMobile();
  const fullBandsText = useFullBandsText();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [initialValues] = useState<Values>(() =>
    from ? copiedValues(from, t('evaluationTemplates.form.copyName', { name: from.name })) : blankValues(),
  );
  const rows = (Form.useWatch('criteria', form) as CriterionValues[] | undefined) ?? initialValues.criteria ?? [];
  const excellentFrom = Form.useWatch('excellentFrom', form);
  const goodFrom = Form.useWatch('goodFrom', form);
  const passFrom = Form.useWatch('passFrom', form);
  const bands: Bands | null =
    isNumber(excellentFrom) && isNumber(goodFrom) && isNumber(passFrom) ? { excellentFrom, goodFrom, passFrom } : null;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createEvaluationTemplate({
        name: (v.name ?? '').trim(),
        description: (v.description ?? '').trim(),
        excellentFrom: v.excellentFrom ?? 0,
        goodFrom: v.goodFrom ?? 0,
        passFrom: v.passFrom ?? 0,
        criteria: (v.criteria ?? []).map((c) => ({
          dimension: c.dimension ?? 'implementation',
          name: (c.name ?? '').trim(),
          guidance: (c.guidance ?? '').trim(),
          // Whole hundredths, so that a float such as 14.999999 goes as 15.
          weight: toHundredths(c.weight ?? 0) / 100,
        })),
      }),
    onSuccess: (created) => {
      setErrors(null);
      onCreated(created);
    },
    onError: (error) => {
      const map: Record<string, FieldPath> = sameNamedFields(
        'name',
        'description',
        'excellentFrom',
        'goodFrom',
        'passFrom',
        'criteria',
      );
      // A criterion's own field (body.criteria.3.weight) → that row's field; the sum (body.criteria) → the list.
      if (isApiError(error))
        for (const issue of error.issues) {
          const m = /^body\.criteria\.(\d+)\.(dimension|name|weight|guidance)$/.exec(issue.field);
          if (m) map[`criteria.${m[1]}.${m[2]}`] = ['criteria', Number(m[1]), m[2] as string];
        }
      setErrors(applyServerErrors(form, error, map));
    },
  });

  const bandItem = (name: 'excellentFrom' | 'goodFrom' | 'passFrom', testId: string) => {
    const label = t(`evaluationTemplates.form.${name}`);
    const below = name === 'excellentFrom' ? 'goodFrom' : name === 'goodFrom' ? 'passFrom' : undefined;
    return (
      <Form.Item
        name={name}
        label={label}
        dependencies={below ? [below] : []}
        rules={[
          { required: true, message: t('evaluationTemplates.form.bandRequired', { label }) },
          ({ getFieldValue }) => ({
            validator: (_rule, value: number | null | undefined) => {
              if (!isNumber(value)) return Promise.resolve();
              if (name === 'passFrom' && !(value > 0))
                return Promise.reject(new Error(t('evaluationTemplates.form.passPositive')));
              const lower = below ? getFieldValue(below) : undefined;
              if (below && isNumber(lower) && !(value > lower))
                return Promise.reject(
                  new Error(
                    name === 'excellentFrom'
                      ? t('evaluationTemplates.form.excellentAboveGood', { good: lower })
                      : t('evaluationTemplates.form.goodAbovePass', { pass: lower }),
                  ),
                );
              return Promise.resolve();
            },
          }),
        ]}
      >
        <InputNumber<number> min={0} max={100} precision={2} className="sg-full-width" data-testid={testId} />
      </Form.Item>
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('evaluationTemplates.form.title')}
      size={isMobile ? '100%' : 880}
      destroyOnHidden
      className="sg-template-drawer"
      footer={
        <div className="sg-template-footer">
          <WeightTotal rows={rows} />
          <div className="sg-template-footer-actions">
            <Button
              type="primary"
              onClick={() => form.submit()}
              loading={mutation.isPending}
              data-testid="template-save"
            >
              {t('evaluationTemplates.form.save')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </div>
      }
    >
      <Alert
        type="info"
        showIcon
        className="sg-form-alert"
        title={
          from ? t('evaluationTemplates.form.copyIntro', { name: from.name }) : t('evaluationTemplates.form.intro')
        }
      />
      <FormErrorAlert messages={errors} />
      <Form<Values>
        form={form}
        name="evaluation-template"
        layout="vertical"
        initialValues={initialValues}
        scrollToFirstError={{ block: 'center' }}
        onValuesChange={(changed: Values) => {
          // The list's own error (the total) is checked again as the weights change, not only on saving.
          if (changed.criteria && form.getFieldError(['criteria']).length > 0)
            void form.validateFields([['criteria']]).catch(() => undefined);
        }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="name"
          label={t('evaluationTemplates.form.name')}
          rules={[
            { required: true, whitespace: true, message: t('evaluationTemplates.form.nameRequired') },
            { min: 2, max: NAME_MAX, message: t('evaluationTemplates.form.nameLength') },
          ]}
        >
          <Input maxLength={NAME_MAX} autoComplete="off" data-testid="template-name" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('evaluationTemplates.form.description')}
          rules={[{ max: DESCRIPTION_MAX, message: t('evaluationTemplates.form.descriptionMax') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={DESCRIPTION_MAX}
            placeholder={t('evaluationTemplates.form.descriptionPlaceholder')}
          />
        </Form.Item>

        <fieldset className="sg-fieldset sg-template-section">
          <legend className="sg-template-legend">{t('evaluationTemplates.form.bandsTitle')}</legend>
          <Typography.Paragraph type="secondary" className="sg-template-hint">
            {t('evaluationTemplates.form.bandsHint')}
          </Typography.Paragraph>
          <div className="sg-template-bands">
            {bandItem('excellentFrom', 'template-excellent-from')}
            {bandItem('goodFrom', 'template-good-from')}
            {bandItem('passFrom', 'template-pass-from')}
          </div>
          {bands ? (
            <Typography.Paragraph className="sg-template-bands-preview" data-testid="template-bands-preview">
              {fullBandsText(bands)}
            </Typography.Paragraph>
          ) : null}
        </fieldset>

        <fieldset className="sg-fieldset sg-template-section">
          <legend className="sg-template-legend">{t('evaluationTemplates.form.criteriaTitle')}</legend>
          <Typography.Paragraph type="secondary" className="sg-template-hint">
            {t('evaluationTemplates.form.criteriaHint')}
          </Typography.Paragraph>
          <Form.List
            name="criteria"
            rules={[
              {
                validator: (_rule, list: CriterionValues[] | undefined) => {
                  if (!list || list.length === 0)
                    return Promise.reject(new Error(t('evaluationTemplates.form.criteriaRequired')));
                  const total = sumHundredths(list.map((c) => c?.weight));
                  if (total !== FULL_MARKS_HUNDREDTHS)
                    return Promise.reject(
                      new Error(t('evaluationTemplates.form.totalMustBe100', { total: formatHundredths(total) })),
                    );
                  return Promise.resolve();
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors: listErrors }) => (
              <div className="sg-stack-tight">
                <ol className="sg-plain-list sg-stack-tight">
                  {fields.map((field, index) => (
                    <li key={field.key} data-testid="template-criterion-row">
                      <fieldset className="sg-fieldset sg-template-criterion-edit">
                        <legend className="sg-template-row-legend">
                          {t('evaluationTemplates.form.rowLegend', { n: index + 1 })}
                        </legend>
                        <Form.Item
                          name={[field.name, 'dimension']}
                          label={t('evaluationTemplates.form.dimension')}
                          rules={[{ required: true, message: t('evaluationTemplates.form.dimensionRequired') }]}
                        >
                          <Select<EvaluationDimension>
                            options={EVALUATION_DIMENSIONS.map((d) => ({ value: d, label: vocabulary.dimension(d) }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('evaluationTemplates.form.criterionName')}
                          rules={[
                            {
                              required: true,
                              whitespace: true,
                              message: t('evaluationTemplates.form.criterionNameRequired'),
                            },
                            { max: NAME_MAX, message: t('evaluationTemplates.form.criterionNameMax') },
                          ]}
                        >
                          <Input maxLength={NAME_MAX} autoComplete="off" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'weight']}
                          label={t('evaluationTemplates.form.weight')}
                          rules={[
                            { required: true, message: t('evaluationTemplates.form.weightRequired') },
                            {
                              validator: (_rule, value: number | null | undefined) =>
                                !isNumber(value) || (value > 0 && value <= 100)
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(t('evaluationTemplates.form.weightRange'))),
                            },
                          ]}
                        >
                          <InputNumber<number> min={0} max={100} precision={2} className="sg-full-width" />
                        </Form.Item>
                        <Button
                          className="sg-template-criterion-remove"
                          icon={<DeleteOutlined />}
                          aria-label={t('evaluationTemplates.form.remove', { n: index + 1 })}
                          onClick={() => remove(field.name)}
                        />
                        <Form.Item
                          className="sg-template-criterion-guidance-item"
                          name={[field.name, 'guidance']}
                          label={t('evaluationTemplates.form.guidance')}
                          rules={[{ max: GUIDANCE_MAX, message: t('evaluationTemplates.form.guidanceMax') }]}
                        >
                          <Input.TextArea
                            autoSize={{ minRows: 1, maxRows: 4 }}
                            maxLength={GUIDANCE_MAX}
                            placeholder={t('evaluationTemplates.form.guidancePlaceholder')}
                          />
                        </Form.Item>
                      </fieldset>
                    </li>
                  ))}
                </ol>
                <div className="sg-template-list-foot">
                  <Button
                    icon={<PlusOutlined />}
                    disabled={fields.length >= CRITERIA_MAX}
                    data-testid="template-criterion-add"
                    onClick={() => {
                      // A new criterion joins the dimension of the last one (criteria are entered dimension by dimension).
                      const last = rows[rows.length - 1]?.dimension ?? EVALUATION_DIMENSIONS[0];
                      add({ dimension: last, name: '', weight: null, guidance: '' });
                    }}
                  >
                    {t('evaluationTemplates.form.add')}
                  </Button>
                  {fields.length >= CRITERIA_MAX ? (
                    <Typography.Text type="secondary">{t('evaluationTemplates.form.criteriaMax')}</Typography.Text>
                  ) : null}
                </div>
                <div data-testid="template-criteria-error">
                  <Form.ErrorList errors={listErrors} />
                </div>
              </div>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Drawer>
  );
}
