import type { ProjectAction, ProjectStatus } from '../../../../contracts/projects';

/**
 * Who may move a project: `purchaser` is the purchasing side (the bureau or a purchaser whose divisions cover the
 * project), `agency` is a manager of the contracted agency.
 */
export type ProjectParty = 'purchaser' | 'agency';

export interface ProjectTransition {
  from: ProjectStatus;
  action: ProjectAction;
  to: ProjectStatus;
  who: readonly ProjectParty[];
  /** A reason is required and kept in the history (rejections, terminations). */
  needsReason?: boolean;
  /** Done through its own endpoint, which records what the move needs (a call, a contract). */
  dedicated?: boolean;
}

const ACTIVE: readonly ProjectStatus[] = [
  'submitted',
  'approved',
  'tendering',
  'contracted',
  'in_service',
  'final_review',
];

/** The project state machine (DESIGN §3), the one place it is written down. */
export const PROJECT_TRANSITIONS: readonly ProjectTransition[] = [
  { from: 'draft', action: 'submit', to: 'submitted', who: ['purchaser'] },
  { from: 'submitted', action: 'approve', to: 'approved', who: ['purchaser'] },
  { from: 'submitted', action: 'reject', to: 'draft', who: ['purchaser'], needsReason: true },
  { from: 'approved', action: 'publish_call', to: 'tendering', who: ['purchaser'], dedicated: true },
  { from: 'tendering', action: 'award', to: 'contracted', who: ['purchaser'], dedicated: true },
  { from: 'contracted', action: 'start_service', to: 'in_service', who: ['purchaser', 'agency'] },
  { from: 'in_service', action: 'request_final_review', to: 'final_review', who: ['purchaser', 'agency'] },
  { from: 'final_review', action: 'close', to: 'closed', who: ['purchaser'] },
  ...ACTIVE.map(
    (from): ProjectTransition => ({
      from,
      action: 'terminate',
      to: 'terminated',
      who: ['purchaser'],
      needsReason: true,
    }),
  ),
];

export function findTransition(from: ProjectStatus, action: ProjectAction): ProjectTransition | undefined {
  return PROJECT_TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** The moves open from a state to a caller who is on the given sides. */
export function transitionsFrom(from: ProjectStatus, parties: ReadonlySet<ProjectParty>): ProjectTransition[] {
  return PROJECT_TRANSITIONS.filter((t) => t.from === from && t.who.some((p) => parties.has(p)));
}
