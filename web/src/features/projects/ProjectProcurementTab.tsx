import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  type Bid,
  type Contract,
  getContract,
  getProcurementCall,
  listBids,
  type ProcurementCall,
  type ProjectDetail,
  queryKeys,
} from '../../api/endpoints';
import { hasAnyRole, useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime, formatFen } from '../../components/format';
import '../evaluations/evaluations.css';
import { ProcurementAwardDrawer } from './ProcurementAwardDrawer';
import { ProcurementBids } from './ProcurementBids';
import { ProcurementCallForm } from './ProcurementCallForm';
import { ProcurementContract } from './ProcurementContract';
import { ProcurementMyBid } from './ProcurementMyBid';
import { CallStatusTag, Countdown } from './procurementBits';
import { ProjectStatusTag, PURCHASING_ROLES, useDescriptionsLayout, useProjectVocabulary } from './projectBits';

/** States in which no call can exist yet. */
const BEFORE_CALL = new Set(['draft', 'submitted', 'approved']);
/** Who may read bids (GET /api/projects/:id/bids). */
const BID_READERS = ['bureau_admin', 'purchaser', 'agency_manager'] as const;

/** A 404 means "none yet" (no call published, no contract signed, or a contract this agency may not see). */
const noneOn404 = async <T,>(load: () => Promise<T>): Promise<T | null> => {
  try {
    return await load();
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
};

function CallDetails({ call, onDeadline }: { call: ProcurementCall; onDeadline: () => void }) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  return (
    <section aria-labelledby="procurement-call-title" data-testid="call">
      <Typography.Title level={2} className="sg-section-title" id="procurement-call-title">
        {t('procurement.call.sectionTitle')}
      </Typography.Title>
      <Descriptions
        bordered
        layout={layout}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'title',
            label: t('procurement.call.title'),
            span: { xs: 1, md: 2 },
            children: <span data-testid="call-title-text">{call.title}</span>,
          },
          {
            key: 'status',
            label: t('procurement.call.status'),
            children: (
              <span className="sg-tags" data-testid="call-status">
                <CallStatusTag status={call.status} />
                {call.sealed ? <span>{t('procurement.call.sealedShort')}</span> : null}
              </span>
            ),
          },
          { key: 'published', label: t('procurement.call.publishedAt'), children: formatDateTime(call.publishedAt) },
          {
            key: 'deadline',
            label: t('procurement.call.bidDeadline'),
            children: <span data-testid="call-deadline-text">{formatDateTime(call.bidDeadline)}</span>,
          },
          {
            key: 'countdown',
            label: t('procurement.call.remaining'),
            children:
              call.status === 'open' ? (
                <Countdown deadline={call.bidDeadline} onPassed={onDeadline} />
              ) : (
                t('procurement.call.deadlinePassed')
              ),
          },
          {
            key: 'content',
            label: t('procurement.call.content'),
            span: { xs: 1, md: 2 },
            children: <span className="sg-pre-line">{call.content}</span>,
          },
          {
            key: 'eligibility',
            label: t('procurement.call.eligibility'),
            span: { xs: 1, md: 2 },
            children: <span className="sg-pre-line">{call.eligibility || t('common.empty')}</span>,
          },
        ]}
      />
    </section>
  );
}

/**
 * 采购: the call (or the form to publish it), the agency's own bid, the purchasing side's sealed/opened bids with
 * panel scores and the award, and the contract. What each caller may do comes from the server's `can` flags.
 */
export function ProjectProcurementTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const { message } = App.useApp();
  const me = useMe();
  const vocabulary = useProjectVocabulary();
  const queryClient = useQueryClient();
  const [awarding, setAwarding] = useState<Bid | null>(null);
  const purchasing = hasAnyRole(me, PURCHASING_ROLES);
  const agency = me.roles.includes('agency_manager');
  const canPublish = project.allowedActions.some((a) => a.action === 'publish_call');
  const callExpected = !BEFORE_CALL.has(project.status);

  const callKey = queryKeys.projectWorkflow(project.id, 'call');
  const bidsKey = queryKeys.projectWorkflow(project.id, 'bids');
  const contractKey = queryKeys.projectWorkflow(project.id, 'contract');
  const call = useQuery({
    queryKey: callKey,
    queryFn: ({ signal }) => noneOn404(() => getProcurementCall(project.id, { signal })),
    enabled: callExpected,
  });
  const bids = useQuery({
    queryKey: bidsKey,
    queryFn: ({ signal }) => noneOn404(() => listBids(project.id, { signal })),
    enabled: callExpected && !!call.data && hasAnyRole(me, BID_READERS),
    // Right after the deadline the server may still need a moment (clock skew): look again until the bids open.
    refetchInterval: (q) => (q.state.data?.sealed && Date.parse(q.state.data.bidDeadline) <= Date.now() ? 3000 : false),
  });
  const hasContract = project.contractAmountFen !== null || call.data?.status === 'awarded';
  const contract = useQuery({
    queryKey: contractKey,
    queryFn: ({ signal }) => noneOn404(() => getContract(project.id, { signal })),
    enabled: hasContract,
  });

  const refreshProject = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.project(project.id) });
    void queryClient.invalidateQueries({
      queryKey: queryKeys.projects,
      predicate: (q) => q.queryKey[1] === 'list',
    });
  }, [queryClient, project.id]);
  const refreshBids = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: callKey });
    void queryClient.invalidateQueries({ queryKey: bidsKey });
  }, [queryClient, callKey, bidsKey]);

  const summary = (
    <Descriptions
      bordered
      layout={layout}
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'method',
          label: t('projects.fields.procurementMethod'),
          children: vocabulary.procurement(project.procurementMethod),
        },
        { key: 'status', label: t('projects.fields.status'), children: <ProjectStatusTag status={project.status} /> },
        { key: 'budget', label: t('projects.fields.budget'), children: formatFen(project.budgetFen) },
        {
          key: 'contract',
          label: t('projects.fields.contractAmount'),
          children:
            project.contractAmountFen === null
              ? t('projects.procurement.noContract')
              : formatFen(project.contractAmountFen),
        },
        { key: 'agency', label: t('projects.fields.agency'), children: project.agencyName ?? t('projects.noAgency') },
      ]}
    />
  );

  const body = () => {
    if (canPublish)
      return (
        <ProcurementCallForm
          project={project}
          onStale={refreshProject}
          onPublished={(published) => {
            queryClient.setQueryData(callKey, published);
            message.success(t('procurement.call.publishedDone'));
            refreshProject();
          }}
        />
      );
    if (!callExpected)
      return (
        <Alert
          type="info"
          showIcon
          title={project.status === 'approved' ? t('procurement.call.notYetApproved') : t('procurement.call.notYet')}
        />
      );
    if (call.isPending) return <Spin />;
    if (call.isError) return <QueryErrorResult error={call.error} onRetry={() => void call.refetch()} />;
    if (!call.data) return <Alert type="info" showIcon title={t('procurement.call.none')} />;
    const current = call.data;
    const bidList = bids.data ?? null;
    const ownBids = bidList
      ? bidList.bids.filter((b) => me.memberships.some((m) => m.organizationId === b.agencyId))
      : [];
    return (
      <>
        <CallDetails call={current} onDeadline={refreshBids} />
        {agency && (current.can.bid || ownBids.length > 0) && bidList ? (
          <ProcurementMyBid project={project} call={current} bids={ownBids} onChanged={refreshBids} />
        ) : null}
        {purchasing && bidList ? (
          <ProcurementBids
            project={project}
            call={current}
            list={bidList}
            onChanged={() => void queryClient.invalidateQueries({ queryKey: bidsKey })}
            onDeadline={refreshBids}
            onAward={setAwarding}
          />
        ) : null}
        {bids.isError ? <QueryErrorResult error={bids.error} onRetry={() => void bids.refetch()} /> : null}
        {contract.data ? (
          <ProcurementContract
            projectId={project.id}
            contract={contract.data}
            canPublish={purchasing}
            onChanged={(next?: Contract) => {
              if (next) queryClient.setQueryData(contractKey, next);
              else void queryClient.invalidateQueries({ queryKey: contractKey });
            }}
          />
        ) : null}
        <ProcurementAwardDrawer
          project={project}
          bids={bidList?.bids ?? []}
          bid={awarding}
          onClose={() => setAwarding(null)}
          onStale={refreshProject}
          onDone={(signed) => {
            queryClient.setQueryData(contractKey, signed);
            setAwarding(null);
            message.success(t('procurement.award.done', { agency: signed.agencyName }));
            refreshBids();
            refreshProject();
          }}
        />
      </>
    );
  };

  return (
    <div className="sg-stack" data-testid="project-procurement">
      <Typography.Paragraph type="secondary">{t('procurement.note')}</Typography.Paragraph>
      {summary}
      {body()}
    </div>
  );
}
