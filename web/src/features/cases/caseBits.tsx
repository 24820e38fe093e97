import { Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CASE_ACTION_NAMES,
  CASE_STAGE_NAMES,
  type CaseAction,
  type CaseStage,
  RECORD_KIND_NAMES,
  type RECORD_STATUSES,
  type RecordKind,
} from '../../../../contracts/api/cases';
import { SCALES, type ScaleId } from '../../../../contracts/scales';
import { navItem } from '../../app/navigation';

export const CASES_PATH = navItem('cases').path;
export const casePath = (id: string) => `${CASES_PATH}/${id}`;

export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** The main line of a case, shown as steps; 跟进 (follow-up) is added when the case uses it. */
export const MAIN_STAGES = ['intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closed'] as const;

/**
 * The kinds of new record each stage takes, as the server's case transition table has them (STAGE_RECORD_KINDS):
 * the closing record is written while evaluating, since closing needs both approved. The server decides; this only
 * chooses which "new record" buttons to show.
 */
export const STAGE_RECORD_KINDS: Record<CaseStage, readonly RecordKind[]> = {
  intake: ['intake'],
  assessment: ['assessment'],
  planning: ['plan'],
  intervention: ['session'],
  evaluation: ['evaluation', 'closing'],
  closed: [],
  follow_up: ['follow_up'],
};

/** Moves the server asks a reason for (reopening a closed case). */
export const REASON_ACTIONS: ReadonlySet<CaseAction> = new Set(['reopen']);

type Named = { zh: string; en: string };

/** The case vocabulary (stages, moves, record kinds, scales) from the shared contracts, in the UI language. */
export function useCaseVocabulary() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(() => {
    // The English names in the contracts are lower case ("move to assessment"): a label starts with a capital.
    const pick = (n: Named | undefined, code: string) =>
      n ? (en ? n.en.charAt(0).toUpperCase() + n.en.slice(1) : n.zh) : code;
    return {
      en,
      stage: (s: CaseStage) => pick(CASE_STAGE_NAMES[s], s),
      action: (a: string) => pick(CASE_ACTION_NAMES[a as CaseAction], a),
      kind: (k: RecordKind) => pick(RECORD_KIND_NAMES[k], k),
      scale: (id: ScaleId) => pick(SCALES[id]?.name, id),
      name: (n: Named) => pick(n, ''),
    };
  }, [en]);
}

const STAGE_COLORS: Record<CaseStage, string> = {
  intake: 'default',
  assessment: 'processing',
  planning: 'processing',
  intervention: 'processing',
  evaluation: 'processing',
  closed: 'success',
  follow_up: 'warning',
};

export function CaseStageTag({ stage }: { stage: CaseStage }) {
  const vocabulary = useCaseVocabulary();
  return (
    <Tag color={STAGE_COLORS[stage]} data-stage={stage}>
      {vocabulary.stage(stage)}
    </Tag>
  );
}

const STATUS_COLORS: Record<RecordStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
};

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`cases.recordStatus.${status}`)}
    </Tag>
  );
}

/** A short reference to a record in the text ("#1a2b3c"), enough to tell records of one case apart. */
export const recordRef = (id: string) => `#${id.slice(0, 6)}`;

/** Where the detail page's back button returns to: the list with its filters. */
export interface CaseLinkState {
  back?: string;
}
