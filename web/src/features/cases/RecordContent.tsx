import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CLOSING_REASONS } from '../../../../contracts/api/cases';
import { SCALE_IDS, SCALES, type ScaleId } from '../../../../contracts/scales';
import type { CaseRecord } from '../../api/endpoints';
import { useCaseVocabulary } from './caseBits';
import { ATTAINMENTS } from './recordForms';

type Item = NonNullable<DescriptionsProps['items']>[number];

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const goalsOf = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
const text = (v: unknown): ReactNode => (str(v) ? <span className="sg-pre-line">{str(v)}</span> : null);

/** What a record says, read-only, per kind. */
export function RecordContent({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const c = record.content;
  const items: Item[] = [];
  const add = (key: string, label: string, children: ReactNode) => {
    if (children !== null && children !== '') items.push({ key, label, children });
  };
  switch (record.kind) {
    case 'intake': {
      add('summary', t('cases.form.intakeSummary'), text(c.summary));
      const needs = Array.isArray(c.needs) ? c.needs.map(String) : [];
      if (needs.length > 0)
        add(
          'needs',
          t('cases.form.needs'),
          <span className="sg-tags">
            {needs.map((n) => (
              <Tag key={n}>{n}</Tag>
            ))}
          </span>,
        );
      break;
    }
    case 'assessment': {
      const scaleId = (SCALE_IDS as readonly string[]).includes(str(c.scale)) ? (c.scale as ScaleId) : undefined;
      const scale = scaleId ? SCALES[scaleId] : undefined;
      const band = scale?.bands.find((b) => b.key === c.band);
      if (scale) {
        add(
          'total',
          vocabulary.name(scale.name),
          <span data-testid="record-scale-total">
            {t('cases.form.scaleTotal', { total: Number(c.total ?? 0), max: scale.maxTotal })}
            {band ? ` · ${vocabulary.name(band.name)}` : ''}
          </span>,
        );
        const answers = (c.answers ?? {}) as Record<string, unknown>;
        add(
          'answers',
          t('cases.form.answers'),
          <span className="sg-tags">
            {scale.items.map((i) => (
              <Tag key={i.key}>
                {vocabulary.name(i.name)} {String(answers[i.key] ?? '—')}
              </Tag>
            ))}
          </span>,
        );
      }
      add('notes', t('cases.form.notes'), text(c.notes));
      break;
    }
    case 'plan':
      goalsOf(c.goals).forEach((g, i) => {
        add(
          `goal-${i}`,
          t('cases.form.goalN', { n: i + 1 }),
          <div>
            <Typography.Text strong>{str(g.goal)}</Typography.Text>
            <div className="sg-muted">
              {t('cases.records.goalLine', { measure: str(g.measure), target: str(g.target), due: str(g.dueOn) })}
            </div>
          </div>,
        );
      });
      add('approach', t('cases.form.approach'), text(c.approach));
      break;
    case 'session':
      add('heldOn', t('cases.form.heldOn'), str(c.heldOn));
      add('duration', t('cases.form.durationMinutes'), t('cases.records.minutes', { n: Number(c.durationMinutes) }));
      add('summary', t('cases.form.summary'), text(c.summary));
      break;
    case 'evaluation':
      goalsOf(c.goals).forEach((g, i) => {
        const attainment = (ATTAINMENTS as readonly string[]).includes(str(g.attainment))
          ? t(`cases.attainment.${g.attainment as (typeof ATTAINMENTS)[number]}`)
          : str(g.attainment);
        add(
          `goal-${i}`,
          t('cases.form.goalN', { n: i + 1 }),
          <div>
            <Typography.Text strong>{str(g.goal)}</Typography.Text> <Tag>{attainment}</Tag>
            {str(g.note) ? <div className="sg-muted">{str(g.note)}</div> : null}
          </div>,
        );
      });
      add('summary', t('cases.form.evaluationSummary'), text(c.summary));
      break;
    case 'closing':
      add(
        'reason',
        t('cases.form.closingReason'),
        t(`cases.closingReasons.${str(c.reason) as (typeof CLOSING_REASONS)[number]}`),
      );
      add('note', t('cases.form.closingNote'), text(c.note));
      break;
    case 'follow_up':
      add('heldOn', t('cases.form.heldOn'), str(c.heldOn));
      add('summary', t('cases.form.summary'), text(c.summary));
      break;
  }
  return <Descriptions size="small" column={1} items={items} className="sg-case-record-content" />;
}
