import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS } from '../../../../contracts/projects';
import type { EvaluationTemplate } from '../../api/endpoints';
import { formatScore, toHundredths, useBandsText } from '../evaluations/evaluationBits';
import { useProjectVocabulary } from '../projects/projectBits';

/** Weights must add up to exactly 100, i.e. 10 000 hundredths (the server checks the same way). */
export const FULL_MARKS_HUNDREDTHS = 10_000;

/** The sum of weights in hundredths, as an integer: 33.33 × 3 + 0.01 is exactly 10 000. Blank weights count 0. */
export function sumHundredths(weights: ReadonlyArray<number | null | undefined>): number {
  return weights.reduce<number>(
    (sum, w) => sum + (typeof w === 'number' && Number.isFinite(w) ? toHundredths(w) : 0),
    0,
  );
}

/** Hundredths back to a display number: 9950 → `99.5`. */
export const formatHundredths = (hundredths: number) => formatScore(hundredths / 100);

/** A template's criteria in dimension order (项目实施, 项目管理, 财务管理, 成效评估), each in its saved order. */
export function criteriaByDimension(template: Pick<EvaluationTemplate, 'criteria'>) {
  return EVALUATION_DIMENSIONS.map((dimension) => {
    const criteria = template.criteria.filter((c) => c.dimension === dimension).sort((a, b) => a.sort - b.sort);
    return { dimension, criteria, weight: sumHundredths(criteria.map((c) => c.weight)) };
  }).filter((group) => group.criteria.length > 0);
}

/** `优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60 · 不合格 < 60`. */
export function useFullBandsText() {
  const { t } = useTranslation();
  const bandsText = useBandsText();
  return (bands: { excellentFrom: number; goodFrom: number; passFrom: number }) =>
    `${bandsText(bands)} · ${t('evaluationTemplates.failBelow', { pass: formatScore(bands.passFrom) })}`;
}

/** Explicit text/background pairs (≥ 4.5:1, WCAG AA), as for the other tags in the console. */
const ACTIVE_STYLE: CSSProperties = { color: '#135200', background: '#f6ffed', borderColor: '#95de64' };
const RETIRED_STYLE: CSSProperties = { color: '#434343', background: '#fafafa', borderColor: '#bfbfbf' };
const IN_USE_STYLE: CSSProperties = { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' };

export function TemplateStatusTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag style={active ? ACTIVE_STYLE : RETIRED_STYLE} data-status={active ? 'active' : 'retired'}>
      {active ? t('evaluationTemplates.status.active') : t('evaluationTemplates.status.retired')}
    </Tag>
  );
}

export function TemplateInUseTag() {
  const { t } = useTranslation();
  return (
    <Tag style={IN_USE_STYLE} data-testid="template-in-use">
      {t('evaluationTemplates.inUse')}
    </Tag>
  );
}

/**
 * The criteria grouped by dimension, with weights and guidance: a list rather than a table, so that it reads the same
 * on a phone (the evaluation form's TemplatePreview table scrolls sideways there and repeats the bands shown above).
 */
export function TemplateCriteria({ template, id }: { template: EvaluationTemplate; id?: string }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  return (
    <div className="sg-template-criteria" id={id} data-testid="template-criteria">
      {criteriaByDimension(template).map((group) => (
        <section key={group.dimension} className="sg-template-dimension" data-dimension={group.dimension}>
          <h3 className="sg-template-dimension-title">
            {t('evaluationTemplates.dimensionWeight', {
              name: vocabulary.dimension(group.dimension),
              weight: formatHundredths(group.weight),
            })}
          </h3>
          <ol className="sg-plain-list">
            {group.criteria.map((c) => (
              <li key={c.id} className="sg-template-criterion">
                <div className="sg-template-criterion-head">
                  <span className="sg-template-criterion-name">{c.name}</span>
                  <span className="sg-template-criterion-weight">
                    {t('evaluationTemplates.points', { points: formatScore(c.weight) })}
                  </span>
                </div>
                {c.guidance ? <p className="sg-template-criterion-guidance">{c.guidance}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
