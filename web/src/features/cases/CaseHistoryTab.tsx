import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, type CaseHistoryEntry, getCaseHistory, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { CaseStageTag, useCaseVocabulary } from './caseBits';

const COLORS: Record<string, string> = { open: 'gray', close: 'green', reopen: 'red' };

/** 历史: every stage move of the case, oldest first, with who made it, when (Beijing time) and why. */
export function CaseHistoryTab({ caseDetail }: { caseDetail: CaseDetail }) {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const history = useQuery({
    // The version is in the key: each move refetches the history.
    queryKey: queryKeys.caseHistory(caseDetail.id, caseDetail.version),
    queryFn: ({ signal }) => getCaseHistory(caseDetail.id, { signal }),
  });
  if (history.isPending) return <Spin />;
  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty description={t('cases.history.empty')} />;

  const actionName = (e: CaseHistoryEntry) =>
    e.action === 'open' ? t('cases.history.open') : vocabulary.action(e.action);

  return (
    <div data-testid="case-history">
      <Timeline
        items={history.data.map((e, index) => ({
          key: `${e.at}-${index}`,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <div className="sg-case-history-entry" data-testid="case-history-entry" data-action={e.action}>
              <time dateTime={e.at} className="sg-muted">
                {formatDateTime(e.at)}
              </time>
              <div className="sg-tags">
                <Typography.Text strong>{actionName(e)}</Typography.Text>
                {e.fromStage ? <CaseStageTag stage={e.fromStage} /> : null}
                {e.fromStage ? <span aria-hidden>→</span> : null}
                {e.fromStage ? <span className="sg-visually-hidden">{t('cases.history.to')}</span> : null}
                <CaseStageTag stage={e.toStage} />
              </div>
              <div className="sg-muted">{t('cases.history.by', { actor: e.actorName })}</div>
              {e.reason ? <div>{t('cases.history.reason', { reason: e.reason })}</div> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
