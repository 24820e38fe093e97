import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationKind, Grade } from '../../../../contracts/projects';
import type { EvaluationStatus, Rectification } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useProjectVocabulary } from '../projects/projectBits';

export const EVALUATIONS_PATH = navItem('evaluations').path;
export const evaluationPath = (id: string) => `${EVALUATIONS_PATH}/${id}`;

/** Where a link to an evaluation came from, so that "back" returns there (the list, or a project's tab). */
export interface EvaluationLinkState {
  back?: string;
}

/**
 * Scores travel as numbers with at most two decimals (numeric(5, 2) on the server). Sums are taken in hundredths,
 * as integers, so that 0.1 + 0.2 stays 0.3 — the server adds them the same way.
 */
export const toHundredths = (score: number) => Math.round(score * 100);

/** 85 → `85`, 7.5 → `7.5`, 7.25 → `7.25`. */
export function formatScore(score: number | null | undefined, empty = '—'): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return empty;
  return String(toHundredths(score) / 100);
}

/**
 * Tags drawn with explicit text/background pairs (all ≥ 4.5:1, WCAG AA): antd's preset success/processing colours
 * are too light for small text.
 */
const GRADE_STYLES: Record<Grade, CSSProperties> = {
  excellent: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  good: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  pass: { color: '#434343', background: '#fafafa', borderColor: '#bfbfbf' },
  fail: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export function EvaluationGradeTag({ grade, score }: { grade: Grade | null; score?: number | null }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  if (!grade) return <span className="sg-muted">{t('evaluations.noGrade')}</span>;
  return (
    <Tag style={GRADE_STYLES[grade]} data-grade={grade}>
      {vocabulary.grade(grade)}
      {score !== null && score !== undefined ? ` · ${formatScore(score)}` : ''}
    </Tag>
  );
}

const STATUS_STYLES: Record<EvaluationStatus, CSSProperties> = {
  assigned: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  submitted: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
};

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={STATUS_STYLES[status]} data-status={status}>
      {t(`evaluations.status.${status}`)}
    </Tag>
  );
}

export function EvaluationKindTag({ kind }: { kind: EvaluationKind }) {
  const { t } = useTranslation();
  return (
    <Tag style={{ color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' }}>
      {t(`evaluations.kinds.${kind}`)}
    </Tag>
  );
}

type RectificationStatus = Rectification['status'];
const RECTIFICATION_STYLES: Record<RectificationStatus, CSSProperties> = {
  open: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  submitted: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  accepted: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
};

export function RectificationStatusTag({ status }: { status: RectificationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={RECTIFICATION_STYLES[status]} data-status={status}>
      {t(`evaluations.rectifications.status.${status}`)}
    </Tag>
  );
}

/** 已逾期: a task or an evaluation still open after its due date. */
export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }} data-overdue="true">
      {t('evaluations.overdue')}
    </Tag>
  );
}

/** `优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60`. */
export function useBandsText() {
  const { t } = useTranslation();
  return (bands: { excellentFrom: number; goodFrom: number; passFrom: number }) =>
    t('evaluations.bands', {
      excellent: formatScore(bands.excellentFrom),
      good: formatScore(bands.goodFrom),
      pass: formatScore(bands.passFrom),
    });
}
