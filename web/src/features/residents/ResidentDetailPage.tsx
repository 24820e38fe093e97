import { ArrowLeftOutlined, AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { getResident, queryKeys, type Resident, type RevealField, revealResidentField } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import { RevealableField } from '../registry/RevealableField';
import { TermTags } from '../registry/TermTags';
import { ResidentEditDrawer } from './ResidentEditDrawer';
import { type ResidentLinkState, residentPermissions } from './residentBits';

const BASE_PATH = navItem('residents').path;

function ConsentText({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const date = resident.contactConsentAt ? formatDateTime(resident.contactConsentAt) : null;
  if (resident.contactConsent) {
    return (
      <span className="sg-tags">
        <Tag color="success">{t('residents.consentYes')}</Tag>
        {date ? <Typography.Text type="secondary">{t('residentDetail.consentSince', { date })}</Typography.Text> : null}
      </span>
    );
  }
  return (
    <span className="sg-tags">
      <Tag>{t('residents.consentNo')}</Tag>
      {date ? (
        <Typography.Text type="secondary">{t('residentDetail.consentWithdrawnOn', { date })}</Typography.Text>
      ) : null}
    </span>
  );
}

function ResidentDetailView({ resident, onReload }: { resident: Resident; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const can = residentPermissions(me, resident);
  const back = (location.state as ResidentLinkState | null)?.back ?? BASE_PATH;
  const revealable = (field: RevealField, masked: string | null) => (
    <RevealableField
      key={masked ?? 'none'}
      field={field}
      masked={masked}
      canReveal={can.reveal}
      reveal={(body) => revealResidentField(resident.id, body)}
      reasonPlaceholder={t('residentDetail.revealReasonPlaceholder')}
    />
  );

  const items: { key: string; label: string; children: ReactNode; span?: number | 'filled' }[] = [
    {
      key: 'idNumber',
      label: t('residents.idNumberFull'),
      children: revealable('idNumber', resident.idNumberMasked),
    },
    {
      key: 'mobile',
      label: t('residents.mobileFull'),
      children: revealable('mobile', resident.mobileMasked),
    },
    {
      key: 'gender',
      label: t('residentDetail.genderBirth'),
      children: `${t(`gender.${resident.gender}`)} · ${resident.birthDate}`,
    },
    { key: 'community', label: t('residents.community'), children: resident.divisionName },
    {
      key: 'location',
      label: t('residentDetail.location'),
      children:
        resident.latitude !== null && resident.longitude !== null ? (
          <span className="sg-tags">
            <span className="sg-mono">
              {resident.latitude}, {resident.longitude}
            </span>
            <Typography.Text type="secondary">{t('residentDetail.locationHint')}</Typography.Text>
          </span>
        ) : (
          t('residentDetail.noLocation')
        ),
    },
    {
      key: 'volunteer',
      label: t('residents.volunteer'),
      children: resident.isVolunteer ? (
        <span className="sg-tags">
          <Tag color="processing">{t('residents.isVolunteer')}</Tag>
          {resident.volunteerNo ? (
            <span className="sg-mono" data-testid="resident-volunteer-no">
              {resident.volunteerNo}
            </span>
          ) : null}
        </span>
      ) : (
        <Typography.Text type="secondary">{t('residents.notVolunteer')}</Typography.Text>
      ),
    },
    { key: 'consent', label: t('residents.consent'), children: <ConsentText resident={resident} /> },
    { key: 'createdAt', label: t('residentDetail.createdAt'), children: formatDateTime(resident.createdAt) },
    {
      key: 'skills',
      label: t('residents.skills'),
      span: 'filled',
      children: <TermTags scheme="skill" codes={resident.skills} />,
    },
    {
      key: 'notes',
      label: t('residentDetail.notes'),
      span: 'filled',
      children: resident.notes ? (
        <span className="sg-pre-line" data-testid="resident-notes">
          {resident.notes}
        </span>
      ) : (
        t('common.empty')
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={resident.name}
        description={resident.divisionName}
        extra={
          <>
            {can.edit ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="resident-edit"
              >
                {t('residentDetail.edit')}
              </Button>
            ) : null}
            {can.viewAudit ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => void navigate(`${navItem('audit').path}?targetType=resident&targetId=${resident.id}`)}
              >
                {t('common.auditLink')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
              {t('residentDetail.back')}
            </Button>
          </>
        }
      />
      <Card
        className="sg-detail-card"
        title={<h2 className="sg-card-title">{t('residentDetail.profile')}</h2>}
        data-testid="resident-profile"
      >
        <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small" items={items} />
      </Card>
      {can.edit ? (
        <ResidentEditDrawer resident={resident} open={editing} onClose={() => setEditing(false)} onReload={onReload} />
      ) : null}
    </>
  );
}

/** /console/residents/:residentId — out-of-scope and unknown ids both show the 404 page (the server answers 404). */
export default function ResidentDetailPage() {
  const { residentId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: BASE_PATH,
    id: residentId,
    search: '',
    queryKey: queryKeys.resident(residentId ?? ''),
    load: (id, signal) => getResident(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <ResidentDetailView resident={detail.data} onReload={() => void detail.refetch()} />;
}
