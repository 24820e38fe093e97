import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Steps, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CaseStage } from '../../../../contracts/api/cases';
import { type CaseDetail, getCase, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import { ReferCaseModal } from '../referrals/ReferCaseModal';
import { managesAgency } from '../referrals/referralBits';
import { CaseActions } from './CaseActions';
import { CaseHistoryTab } from './CaseHistoryTab';
import { CaseRecordsTab } from './CaseRecordsTab';
import { CASES_PATH, type CaseLinkState, CaseStageTag, MAIN_STAGES, useCaseVocabulary } from './caseBits';
import './cases.css';

const TABS = ['records', 'history'] as const;

/** 接案→预估→计划→介入→评估→结案 (and 跟进 once the case has one), the current stage marked. */
function CaseSteps({ caseDetail }: { caseDetail: CaseDetail }) {
  const vocabulary = useCaseVocabulary();
  const followedUp = caseDetail.stage === 'follow_up' || caseDetail.records.some((r) => r.stage === 'follow_up');
  const stages: CaseStage[] = [...MAIN_STAGES, ...(followedUp ? (['follow_up'] as const) : [])];
  const current = stages.indexOf(caseDetail.stage);
  return (
    <Steps
      className="sg-case-steps"
      data-testid="case-steps"
      data-stage={caseDetail.stage}
      size="small"
      current={current}
      // A closed case has finished its last step rather than being in it.
      status={caseDetail.stage === 'closed' ? 'finish' : 'process'}
      items={stages.map((s) => ({ key: s, title: vocabulary.stage(s) }))}
    />
  );
}

/** A closed case (结案, and 跟进 after it) is not referred or moved: it is reopened first (as on the server). */
const CLOSED_STAGES: ReadonlySet<CaseStage> = new Set(['closed', 'follow_up']);

/** 转介/转移 to another agency: for the case's worker and the managers of its agency, while the case is open. */
function ReferCaseButton({ caseDetail: c }: { caseDetail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const allowed = c.can.writeRecords || managesAgency(me, c.agencyId);
  if (!allowed || CLOSED_STAGES.has(c.stage)) return null;
  return (
    <>
      <Button icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="case-refer">
        {t('cases.detail.refer')}
      </Button>
      {/* On success the modal reads the case again and says where the referral can be followed. */}
      <ReferCaseModal caseId={c.id} open={open} onClose={() => setOpen(false)} onDone={() => setOpen(false)} />
    </>
  );
}

function CaseDetailView({ caseDetail: c, onReload }: { caseDetail: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'history' ? 'history' : 'records';
  const back = (location.state as CaseLinkState | null)?.back ?? CASES_PATH;
  const setTab = (next: string) =>
    setSearchParams(
      (prev) => {
        const params = new URLSearchParams(prev);
        if (next === TABS[0]) params.delete('tab');
        else params.set('tab', next);
        return params;
      },
      { replace: true, state: location.state },
    );

  return (
    <>
      <PageHeader
        title={t('cases.detail.title', { code: c.code })}
        description={
          <span className="sg-tags">
            <Link to={`${navItem('beneficiaries').path}/${c.beneficiaryId}`} data-testid="case-beneficiary">
              {c.beneficiaryName}
            </Link>
            <CaseStageTag stage={c.stage} />
          </span>
        }
        extra={
          <>
            <CaseActions caseDetail={c} onReload={onReload} />
            <ReferCaseButton caseDetail={c} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
              {t('cases.detail.back')}
            </Button>
          </>
        }
      />
      <Card className="sg-detail-card" data-testid="case-overview">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            {
              key: 'beneficiary',
              label: t('cases.beneficiary'),
              children: <Link to={`${navItem('beneficiaries').path}/${c.beneficiaryId}`}>{c.beneficiaryName}</Link>,
            },
            { key: 'worker', label: t('cases.worker'), children: c.workerName },
            { key: 'supervisor', label: t('cases.supervisor'), children: c.supervisorName },
            { key: 'source', label: t('cases.intakeSource'), children: t(`cases.intakeSources.${c.intakeSource}`) },
            { key: 'openedOn', label: t('cases.openedOn'), children: c.openedOn },
            {
              key: 'project',
              label: t('cases.project'),
              children: c.projectId ? (
                <Link to={`${navItem('projects').path}/${c.projectId}`}>{t('cases.detail.viewProject')}</Link>
              ) : (
                t('cases.detail.noProject')
              ),
            },
            ...(c.closedOn
              ? [
                  { key: 'closedOn', label: t('cases.closedOn'), children: c.closedOn },
                  {
                    key: 'closingReason',
                    label: t('cases.form.closingReason'),
                    children: c.closingReason ? t(`cases.closingReasons.${c.closingReason}`) : t('common.empty'),
                  },
                ]
              : []),
          ]}
        />
        <CaseSteps caseDetail={c} />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'records', label: t('cases.tabs.records'), children: <CaseRecordsTab caseDetail={c} /> },
            { key: 'history', label: t('cases.tabs.history'), children: <CaseHistoryTab caseDetail={c} /> },
          ]}
        />
      </Card>
    </>
  );
}

/** /console/cases/:caseId — cases outside the caller's caseload and unknown ids both show the 404 page. */
export default function CaseDetailPage() {
  const { caseId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: CASES_PATH,
    id: caseId,
    search: '',
    queryKey: queryKeys.case(caseId ?? ''),
    load: (id, signal) => getCase(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <CaseDetailView caseDetail={detail.data} onReload={() => void detail.refetch()} />;
}
