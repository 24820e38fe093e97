import { ArrowLeftOutlined, AuditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Empty, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { WorkerDetail } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { RevealableValue } from './RevealableValue';
import { WorkerCeTab } from './WorkerCeTab';
import { WorkerCredentialTab } from './WorkerCredentialTab';
import { WorkerEmploymentTab } from './WorkerEmploymentTab';
import { WorkerProfileTab } from './WorkerProfileTab';
import type { WorkerLinkState } from './WorkersPage';
import { AvailabilityTag, LevelText, oneOf, RegistrationEnd, termItems, workerPermissions } from './workerBits';

const TABS = ['profile', 'credential', 'ce', 'employment', 'projects'] as const;
type TabKey = (typeof TABS)[number];

/**
 * A worker's record: header with the protected identifiers, and tabs for profile, credential and registrations,
 * continuing education, employment and (later) projects. Used at /console/workers/:id and as 我的档案.
 */
export function WorkerDetailView({
  worker,
  onReload,
  title,
}: {
  worker: WorkerDetail;
  onReload: () => void;
  /** Page title; defaults to the worker's name. */
  title?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const can = workerPermissions(me, worker);
  const tab: TabKey = oneOf(TABS, searchParams.get('tab') ?? undefined) ?? 'profile';
  const back = (location.state as WorkerLinkState | null)?.back;
  const showBack = hasAnyRole(me, navItem('workers').roles) && worker.userId !== me.user.id;

  const setTab = (next: string) => {
    setSearchParams(
      (prev) => {
        const params = new URLSearchParams(prev);
        if (next === 'profile') params.delete('tab');
        else params.set('tab', next);
        return params;
      },
      { replace: true, state: location.state },
    );
  };

  const warnings = worker.compliance.warnings.length;

  return (
    <>
      <PageHeader
        title={title ?? worker.name}
        description={title ? worker.name : undefined}
        extra={
          <>
            {can.viewAudit ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => void navigate(`${navItem('audit').path}?targetType=worker&targetId=${worker.id}`)}
              >
                {t('common.auditLink')}
              </Button>
            ) : null}
            {showBack ? (
              <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back ?? navItem('workers').path)}>
                {t('workerDetail.back')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card className="sg-detail-card">
        <Descriptions
          column={{ xs: 1, sm: 2, xl: 3 }}
          size="small"
          items={[
            {
              key: 'idNumber',
              label: t('workerDetail.idNumber'),
              children: (
                <RevealableValue
                  key={worker.idNumberMasked}
                  workerId={worker.id}
                  field="idNumber"
                  masked={worker.idNumberMasked}
                  canReveal={can.reveal}
                />
              ),
            },
            {
              key: 'mobile',
              label: t('workerDetail.mobile'),
              children: (
                <RevealableValue
                  key={worker.mobileMasked ?? 'none'}
                  workerId={worker.id}
                  field="mobile"
                  masked={worker.mobileMasked}
                  canReveal={can.reveal}
                />
              ),
            },
            {
              key: 'gender',
              label: t('workerDetail.genderBirth'),
              children: `${t(`gender.${worker.gender}`)} · ${worker.birthDate}`,
            },
            { key: 'agency', label: t('workers.agency'), children: worker.agencyName ?? t('workerDetail.noAgency') },
            { key: 'division', label: t('workers.division'), children: worker.divisionName ?? t('common.empty') },
            {
              key: 'availability',
              label: t('workers.availability'),
              children: <AvailabilityTag availability={worker.availability} />,
            },
            { key: 'level', label: t('workers.level'), children: <LevelText level={worker.credentialLevel} /> },
            {
              key: 'registration',
              label: t('workers.periodTo'),
              children: <RegistrationEnd compliance={worker.compliance} />,
            },
            ...termItems(worker, t),
          ]}
        />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'profile',
              label: t('workerDetail.tabs.profile'),
              children: (
                <WorkerProfileTab key={worker.version} worker={worker} canEdit={can.edit} onReload={onReload} />
              ),
            },
            {
              key: 'credential',
              label: t('workerDetail.tabs.credential'),
              children: (
                <WorkerCredentialTab
                  worker={worker}
                  canVerify={can.verifyCredential}
                  canAddRegistration={can.addRegistration}
                />
              ),
            },
            {
              key: 'ce',
              label: (
                <Badge dot={warnings > 0} offset={[6, 0]}>
                  {t('workerDetail.tabs.ce')}
                </Badge>
              ),
              children: <WorkerCeTab worker={worker} canAdd={can.addCe} />,
            },
            {
              key: 'employment',
              label: t('workerDetail.tabs.employment'),
              children: <WorkerEmploymentTab worker={worker} canEnd={can.endEmployment} canTransfer={can.transfer} />,
            },
            {
              key: 'projects',
              label: t('workerDetail.tabs.projects'),
              children: <Empty description={t('workerDetail.projectsPlaceholder')} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
