import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CredentialLevel, getWorkerDistribution, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { LEVELS } from './workerBits';

interface Bar {
  key: string;
  label: string;
  count: number;
  /** Narrows the list to this group; absent for "no division" / "no credential". */
  onSelect?: () => void;
}

function Bars({ title, bars, total, id }: { title: string; bars: Bar[]; total: number; id: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Typography.Title level={2} id={id} className="sg-section-title">
        {title}
      </Typography.Title>
      {bars.length === 0 ? (
        <Typography.Text type="secondary">{t('workers.distributionEmpty')}</Typography.Text>
      ) : (
        <ul className="sg-plain-list sg-bars">
          {bars.map((bar) => (
            <li key={bar.key} className="sg-bar">
              <span className="sg-bar-label">
                {bar.onSelect ? (
                  <Button type="link" className="sg-link-cell" onClick={bar.onSelect}>
                    {bar.label}
                  </Button>
                ) : (
                  bar.label
                )}
              </span>
              <Progress
                className="sg-bar-progress"
                percent={total > 0 ? (bar.count / total) * 100 : 0}
                showInfo={false}
                size="small"
                aria-label={`${bar.label}: ${t('workers.people', { n: bar.count })}`}
              />
              <span className="sg-bar-count">{t('workers.people', { n: bar.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Head counts by street and by credential level (the caller's scope); a click narrows the list below. */
export function DistributionPanel({
  onSelectDivision,
  onSelectLevel,
}: {
  onSelectDivision: (code: string) => void;
  onSelectLevel: (level: CredentialLevel) => void;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.workerDistribution,
    queryFn: ({ signal }) => getWorkerDistribution({ signal }),
  });
  const data = query.data;

  const levelOrder = (level: CredentialLevel | null) => (level ? LEVELS.indexOf(level) : LEVELS.length);
  const levelBars: Bar[] = [...(data?.byLevel ?? [])]
    .sort((a, b) => levelOrder(b.level) - levelOrder(a.level))
    .map((row) => {
      const level = row.level;
      return {
        key: level ?? 'none',
        label: level ? t(`credentialLevels.${level}`) : t('credentialLevels.none'),
        count: row.count,
        onSelect: level ? () => onSelectLevel(level) : undefined,
      };
    });
  const streetBars: Bar[] = [...(data?.byStreet ?? [])]
    .sort((a, b) => b.count - a.count || a.divisionCode.localeCompare(b.divisionCode))
    .map((row) => ({
      key: row.divisionCode || 'none',
      label: row.divisionName || t('workers.noDivision'),
      count: row.count,
      onSelect: row.divisionCode ? () => onSelectDivision(row.divisionCode) : undefined,
    }));

  return (
    <Card
      className="sg-distribution-card"
      title={<h2 className="sg-card-title">{t('workers.distribution')}</h2>}
      loading={query.isPending}
    >
      {query.isError ? (
        <QueryErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="sg-distribution">
          <Statistic title={t('workers.distributionTotal')} value={data?.total ?? 0} />
          <Bars id="dist-level" title={t('workers.byLevel')} bars={levelBars} total={data?.total ?? 0} />
          <Bars id="dist-street" title={t('workers.byStreet')} bars={streetBars} total={data?.total ?? 0} />
        </div>
      )}
    </Card>
  );
}
