/**
 * Standard assessment scales as data: the server scores them and the web renders their forms from the same
 * definition, so adding a scale is adding an entry here, not code.
 */

export interface ScaleItem {
  key: string;
  name: { zh: string; en: string };
  /** The scores a rater may give for this item (nothing in between). */
  scores: readonly number[];
}

export interface ScaleBand {
  key: string;
  name: { zh: string; en: string };
  /** Inclusive total range. */
  min: number;
  max: number;
  /** The beneficiary's risk level this band implies. */
  riskLevel: 'low' | 'medium' | 'high';
}

export interface ScaleDefinition {
  id: string;
  name: { zh: string; en: string };
  items: readonly ScaleItem[];
  maxTotal: number;
  bands: readonly ScaleBand[];
}

/**
 * Barthel ADL index (Mahoney & Barthel 1965), the 0–100 version common in Chinese elder-care assessment, with its
 * usual bands: 100 独立, 61–99 轻度依赖, 41–60 中度依赖, ≤40 重度依赖.
 */
export const BARTHEL: ScaleDefinition = {
  id: 'barthel',
  name: { zh: 'Barthel 日常生活活动能力指数', en: 'Barthel ADL index' },
  items: [
    { key: 'feeding', name: { zh: '进食', en: 'Feeding' }, scores: [0, 5, 10] },
    { key: 'bathing', name: { zh: '洗澡', en: 'Bathing' }, scores: [0, 5] },
    { key: 'grooming', name: { zh: '修饰', en: 'Grooming' }, scores: [0, 5] },
    { key: 'dressing', name: { zh: '穿衣', en: 'Dressing' }, scores: [0, 5, 10] },
    { key: 'bowels', name: { zh: '控制大便', en: 'Bowels' }, scores: [0, 5, 10] },
    { key: 'bladder', name: { zh: '控制小便', en: 'Bladder' }, scores: [0, 5, 10] },
    { key: 'toiletUse', name: { zh: '如厕', en: 'Toilet use' }, scores: [0, 5, 10] },
    { key: 'transfers', name: { zh: '床椅转移', en: 'Transfers (bed to chair)' }, scores: [0, 5, 10, 15] },
    { key: 'mobility', name: { zh: '平地行走', en: 'Mobility on level surfaces' }, scores: [0, 5, 10, 15] },
    { key: 'stairs', name: { zh: '上下楼梯', en: 'Stairs' }, scores: [0, 5, 10] },
  ],
  maxTotal: 100,
  bands: [
    { key: 'independent', name: { zh: '独立', en: 'Independent' }, min: 100, max: 100, riskLevel: 'low' },
    { key: 'mild', name: { zh: '轻度依赖', en: 'Mild dependence' }, min: 61, max: 99, riskLevel: 'low' },
    { key: 'moderate', name: { zh: '中度依赖', en: 'Moderate dependence' }, min: 41, max: 60, riskLevel: 'medium' },
    { key: 'severe', name: { zh: '重度依赖', en: 'Severe dependence' }, min: 0, max: 40, riskLevel: 'high' },
  ],
};

export const SCALES = { barthel: BARTHEL } as const satisfies Record<string, ScaleDefinition>;
export type ScaleId = keyof typeof SCALES;
export const SCALE_IDS = Object.keys(SCALES) as [ScaleId, ...ScaleId[]];

export type ScaleResult =
  | { ok: true; total: number; band: ScaleBand }
  | { ok: false; problems: Array<{ item: string; problem: 'missing' | 'not_allowed' | 'unknown' }> };

/** Scores a complete set of answers; every item must be answered with one of its allowed scores. */
export function scoreScale(id: ScaleId, answers: Record<string, unknown>): ScaleResult {
  const scale: ScaleDefinition = SCALES[id];
  const problems: Array<{ item: string; problem: 'missing' | 'not_allowed' | 'unknown' }> = [];
  let total = 0;
  for (const item of scale.items) {
    const value = answers[item.key];
    if (value === undefined) problems.push({ item: item.key, problem: 'missing' });
    else if (typeof value !== 'number' || !item.scores.includes(value))
      problems.push({ item: item.key, problem: 'not_allowed' });
    else total += value;
  }
  for (const key of Object.keys(answers))
    if (!scale.items.some((i) => i.key === key)) problems.push({ item: key, problem: 'unknown' });
  if (problems.length > 0) return { ok: false, problems };
  const band = scale.bands.find((b) => total >= b.min && total <= b.max)!;
  return { ok: true, total, band };
}
