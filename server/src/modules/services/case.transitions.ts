import type { CaseAction, CaseStage, RecordKind } from '../../../../contracts/api/cases';

/** Who may move a case: its case worker or its supervisor (督导). */
export type CaseParty = 'worker' | 'supervisor';

export interface CaseTransition {
  from: CaseStage;
  action: CaseAction;
  to: CaseStage;
  who: readonly CaseParty[];
  /** Records of these kinds must be approved by the supervisor in the current stage before the case may leave it. */
  requires: readonly RecordKind[];
  needsReason?: boolean;
}

/** The case state machine (DESIGN §3, 个案工作 接案→预估→计划→介入→评估→结案), the one place it is written down. */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { from: 'intake', action: 'assess', to: 'assessment', who: ['worker', 'supervisor'], requires: ['intake'] },
  { from: 'assessment', action: 'plan', to: 'planning', who: ['worker', 'supervisor'], requires: ['assessment'] },
  { from: 'planning', action: 'intervene', to: 'intervention', who: ['worker', 'supervisor'], requires: ['plan'] },
  {
    from: 'intervention',
    action: 'evaluate',
    to: 'evaluation',
    who: ['worker', 'supervisor'],
    requires: ['session'],
  },
  {
    from: 'evaluation',
    action: 'close',
    to: 'closed',
    who: ['worker', 'supervisor'],
    requires: ['evaluation', 'closing'],
  },
  { from: 'closed', action: 'follow_up', to: 'follow_up', who: ['worker', 'supervisor'], requires: [] },
  { from: 'follow_up', action: 'close', to: 'closed', who: ['worker', 'supervisor'], requires: ['follow_up'] },
  // Reopening restarts the work from a fresh assessment; the supervisor decides it.
  { from: 'closed', action: 'reopen', to: 'assessment', who: ['supervisor'], requires: [], needsReason: true },
  { from: 'follow_up', action: 'reopen', to: 'assessment', who: ['supervisor'], requires: [], needsReason: true },
];

/** The kinds of new (non-amending) record each stage takes. */
export const STAGE_RECORD_KINDS: Record<CaseStage, readonly RecordKind[]> = {
  intake: ['intake'],
  assessment: ['assessment'],
  planning: ['plan'],
  intervention: ['session'],
  evaluation: ['evaluation', 'closing'],
  closed: [],
  follow_up: ['follow_up'],
};

export function findCaseTransition(from: CaseStage, action: CaseAction): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

export function caseTransitionsFrom(from: CaseStage, parties: ReadonlySet<CaseParty>): CaseTransition[] {
  return CASE_TRANSITIONS.filter((t) => t.from === from && t.who.some((p) => parties.has(p)));
}
