import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getProjectHistory, type ProjectDetail, type ProjectHistoryEntry, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { ProjectStatusTag, useProjectVocabulary } from './projectBits';

const COLORS: Record<string, string> = { reject: 'red', terminate: 'red', close: 'green', create: 'gray' };

/** 历史: every move of the project, oldest first, with who made it, when (Beijing time) and why. */
export function ProjectHistoryTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const history = useQuery({
    // The project's version is in the key: each move (and each save) refetches the history.
    queryKey: [...queryKeys.projectPart(project.id, 'history'), project.version],
    queryFn: ({ signal }) => getProjectHistory(project.id, { signal }),
  });
  if (history.isPending) return <Spin />;
  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty description={t('projects.history.empty')} />;

  const actionName = (e: ProjectHistoryEntry) =>
    e.action === 'create' ? t('projects.history.create') : vocabulary.action(e.action);

  return (
    <div data-testid="project-history">
      <Timeline
        items={history.data.map((e) => ({
          key: e.id,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <div className="sg-project-history-entry">
              <time dateTime={e.at} className="sg-muted">
                {formatDateTime(e.at)}
              </time>
              <div className="sg-tags">
                <Typography.Text strong>{actionName(e)}</Typography.Text>
                {e.fromStatus ? <ProjectStatusTag status={e.fromStatus} /> : null}
                {e.fromStatus ? <span aria-hidden>→</span> : null}
                {e.fromStatus ? <span className="sg-visually-hidden">{t('projects.history.to')}</span> : null}
                <ProjectStatusTag status={e.toStatus} />
              </div>
              <div className="sg-muted">
                {t('projects.history.by', { actor: e.actorUsername ?? t('projects.history.system') })}
              </div>
              {e.reason ? (
                <div>
                  {t('projects.history.reason')}
                  {e.reason}
                </div>
              ) : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
