import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EVALUATION_DIMENSION_NAMES,
  FUNDING_SOURCE_NAMES,
  type FundingSource,
  GRADE_NAMES,
  type Grade,
  INDICATOR_KIND_NAMES,
  type IndicatorKind,
  MAX_RECURRING_TERM_YEARS,
  MAX_TERM_YEARS,
  MILESTONE_TRIGGER_NAMES,
  type MilestoneTrigger,
  PROCUREMENT_METHOD_NAMES,
  PROJECT_ACTION_NAMES,
  PROJECT_STATUS_NAMES,
  type ProcurementMethod,
  type ProjectAction,
  type ProjectStatus,
} from '../../../../contracts/projects';
import { SPECIALTIES } from '../../../../contracts/taxonomy';
import type { MilestoneState, ProjectSummary } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { formatFen } from '../../components/format';
import { useIsMobile } from '../../components/useMediaQuery';

export const PROJECTS_PATH = navItem('projects').path;
export const projectPath = (id: string) => `${PROJECTS_PATH}/${id}`;

/** Who may create and edit project drafts (POST/PATCH /api/projects). */
export const PURCHASING_ROLES = ['bureau_admin', 'purchaser'] as const;
/** Who sees milestones and payments (GET /api/projects/:id/finance). */
export const FINANCE_ROLES = ['bureau_admin', 'purchaser', 'agency_manager'] as const;

/** Where the detail page's "back" button returns to: the list with its filters. */
export interface ProjectLinkState {
  back?: string;
}

type Named = { zh: string; en: string };

/** The project vocabulary (contracts/projects.ts carries the zh and en names), in the UI language. */
export function useProjectVocabulary() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(() => {
    const pick = (n: Named | undefined, code: string) => (n ? (en ? n.en : n.zh) : code);
    const specialties = new Map(SPECIALTIES.map((s) => [s.code, s]));
    return {
      en,
      status: (s: ProjectStatus) => pick(PROJECT_STATUS_NAMES[s], s),
      action: (a: string) => pick(PROJECT_ACTION_NAMES[a as ProjectAction], a),
      procurement: (m: ProcurementMethod) => pick(PROCUREMENT_METHOD_NAMES[m], m),
      funding: (f: FundingSource) => pick(FUNDING_SOURCE_NAMES[f], f),
      indicatorKind: (k: IndicatorKind) => pick(INDICATOR_KIND_NAMES[k], k),
      indicatorUnit: (k: IndicatorKind) =>
        INDICATOR_KIND_NAMES[k] ? (en ? INDICATOR_KIND_NAMES[k].unitEn : INDICATOR_KIND_NAMES[k].unitZh) : '',
      trigger: (tr: MilestoneTrigger) => pick(MILESTONE_TRIGGER_NAMES[tr], tr),
      grade: (g: Grade) => pick(GRADE_NAMES[g], g),
      dimension: (d: keyof typeof EVALUATION_DIMENSION_NAMES) => pick(EVALUATION_DIMENSION_NAMES[d], d),
      /** A target group from the shipped specialty list (for pages that cannot ask the server, e.g. the public one). */
      specialty: (code: string) => pick(specialties.get(code), code),
    };
  }, [en]);
}

/**
 * One colour per status. Tags are drawn with explicit text/background pairs, all ≥ 4.5:1 (WCAG AA), because several
 * of antd's preset tag colours (cyan, green, gold, orange) are too light for small text.
 */
const STATUS_STYLES: Record<ProjectStatus, CSSProperties> = {
  draft: { color: '#434343', background: '#fafafa', borderColor: '#bfbfbf', borderStyle: 'dashed' },
  submitted: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  approved: { color: '#0958d9', background: '#e6f4ff', borderColor: '#91caff' },
  tendering: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  contracted: { color: '#531dab', background: '#f9f0ff', borderColor: '#d3adf7' },
  in_service: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  final_review: { color: '#006d75', background: '#e6fffb', borderColor: '#87e8de' },
  closed: { color: '#262626', background: '#f0f0f0', borderColor: '#8c8c8c' },
  terminated: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const vocabulary = useProjectVocabulary();
  return (
    <Tag className="sg-project-status" style={STATUS_STYLES[status]} data-status={status}>
      {vocabulary.status(status)}
    </Tag>
  );
}

const GRADE_COLORS: Record<Grade, string> = {
  excellent: 'success',
  good: 'processing',
  pass: 'default',
  fail: 'error',
};

export function GradeTag({ grade, score }: { grade: Grade | null; score?: number | null }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  if (!grade) return <span className="sg-muted">{t('projects.noGrade')}</span>;
  return (
    <Tag color={GRADE_COLORS[grade]}>
      {vocabulary.grade(grade)}
      {score !== null && score !== undefined ? ` · ${score}` : ''}
    </Tag>
  );
}

const MILESTONE_COLORS: Record<MilestoneState, string> = {
  pending: 'default',
  due: 'processing',
  withheld: 'warning',
  paid: 'success',
};

/** 待触发 / 可付款 / 暂缓 / 已付清. */
export function MilestoneStateTag({ state }: { state: MilestoneState }) {
  const { t } = useTranslation();
  return <Tag color={MILESTONE_COLORS[state]}>{t(`projects.finance.states.${state}`)}</Tag>;
}

/** The amount a project is known by: the contract amount once signed, the budget before. */
export function ProjectAmount({
  project,
  compact,
}: {
  project: Pick<ProjectSummary, 'budgetFen' | 'contractAmountFen'>;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const contract = project.contractAmountFen !== null;
  return (
    <span className={compact ? 'sg-project-amount sg-nowrap' : 'sg-project-amount'}>
      <span className="sg-project-amount-label">
        {contract ? t('projects.fields.contractShort') : t('projects.fields.budgetShort')}
      </span>{' '}
      <span className="sg-project-money">{formatFen(contract ? project.contractAmountFen : project.budgetFen)}</span>
    </span>
  );
}

/** `2026-01-01 至 2026-12-31`. */
export function usePeriodText() {
  const { t } = useTranslation();
  return (from: string, to: string) => t('projects.periodText', { from, to });
}

/**
 * The last day a service period may run to (财政部令第102号 第二十四条: one year, up to three for a stable recurring
 * service); the server computes it the same way, one day short of the anniversary.
 */
export function latestPeriodEnd(periodFrom: string, recurring: boolean): string {
  const years = recurring ? MAX_RECURRING_TERM_YEARS : MAX_TERM_YEARS;
  const d = new Date(`${periodFrom}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** File sizes in KB/MB, one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A table's "no rows" text in a readable grey (antd's default placeholder grey is below 4.5:1). */
export function TableEmpty({ text }: { text: string }) {
  return <span className="sg-table-empty">{text}</span>;
}

/** Bordered descriptions put their labels above the values on a phone, where a label column would squeeze both. */
export function useDescriptionsLayout(): 'vertical' | 'horizontal' {
  return useIsMobile() ? 'vertical' : 'horizontal';
}
