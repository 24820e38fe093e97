import { ArrowLeftOutlined, AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import {
  type Beneficiary,
  type BeneficiaryRevealField,
  getBeneficiary,
  queryKeys,
  revealBeneficiaryField,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import { OpenCaseButton } from '../cases/OpenCaseModal';
import NotFoundPage from '../errors/NotFoundPage';
import { RevealableField } from '../registry/RevealableField';
import { TermTags } from '../registry/TermTags';
import { BeneficiaryEditDrawer } from './BeneficiaryEditDrawer';
import type { BeneficiaryLinkState } from './beneficiaryBits';
import { ConsentsCard } from './ConsentsCard';
import { RiskTag } from './RiskTag';

const BASE_PATH = navItem('beneficiaries').path;

function BeneficiaryDetailView({ beneficiary: b, onReload }: { beneficiary: Beneficiary; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const back = (location.state as BeneficiaryLinkState | null)?.back ?? BASE_PATH;
  // Whoever can open the record (the server's scope) may change it and reveal for a reason; the server decides.
  const revealable = (field: BeneficiaryRevealField, masked: string | null) => (
    <RevealableField
      key={masked ?? 'none'}
      field={field}
      masked={masked}
      canReveal
      reveal={(body) => revealBeneficiaryField(b.id, body)}
      reasonPlaceholder={t('beneficiaries.revealReasonPlaceholder')}
    />
  );

  const items: { key: string; label: string; children: ReactNode; span?: number | 'filled' }[] = [
    { key: 'idNumber', label: t('beneficiaries.idNumber'), children: revealable('idNumber', b.idNumberMasked) },
    { key: 'mobile', label: t('beneficiaries.mobile'), children: revealable('mobile', b.mobileMasked) },
    {
      key: 'gender',
      label: t('residentDetail.genderBirth'),
      children: `${t(`gender.${b.gender}`)} · ${b.birthDate}`,
    },
    { key: 'community', label: t('beneficiaries.community'), children: b.divisionName },
    { key: 'address', label: t('beneficiaries.address'), children: revealable('address', b.addressMasked) },
    { key: 'risk', label: t('beneficiaries.riskLevel'), children: <RiskTag risk={b.riskLevel} /> },
    {
      key: 'categories',
      label: t('beneficiaries.categories'),
      span: 'filled',
      children: <TermTags scheme="beneficiary_category" codes={b.categories} />,
    },
    {
      key: 'disability',
      label: t('beneficiaries.disability'),
      children: b.disability
        ? `${t(`beneficiaries.disabilityTypes.${b.disability.type}`)} · ${t(
            `beneficiaries.disabilityGrades.${b.disability.grade as 1 | 2 | 3 | 4}`,
          )}`
        : t('common.empty'),
    },
    {
      key: 'household',
      label: t('beneficiaries.householdRelation'),
      children: t(`beneficiaries.householdRelations.${b.householdRelation}`),
    },
    { key: 'agency', label: t('beneficiaries.agency'), children: b.agencyName ?? t('common.empty') },
    {
      key: 'guardian',
      label: t('beneficiaries.guardian'),
      span: 'filled',
      children: b.guardian ? (
        <span className="sg-tags" data-testid="beneficiary-guardian">
          <span>
            {b.guardian.name}（{t(`beneficiaries.guardianRelations.${b.guardian.relation}`)}）
          </span>
          {revealable('guardianMobile', b.guardian.mobileMasked)}
        </span>
      ) : (
        <Typography.Text type="secondary">{t('beneficiaries.noGuardian')}</Typography.Text>
      ),
    },
    { key: 'createdAt', label: t('residentDetail.createdAt'), children: formatDateTime(b.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={b.name}
        description={b.divisionName}
        extra={
          <>
            <OpenCaseButton beneficiary={b} />
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="beneficiary-edit"
            >
              {t('beneficiaries.edit')}
            </Button>
            {me.roles.includes('bureau_admin') ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => void navigate(`${navItem('audit').path}?targetType=beneficiary&targetId=${b.id}`)}
              >
                {t('common.auditLink')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
              {t('beneficiaries.back')}
            </Button>
          </>
        }
      />
      <Card
        className="sg-detail-card"
        title={<h2 className="sg-card-title">{t('beneficiaries.profile')}</h2>}
        data-testid="beneficiary-profile"
      >
        <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small" items={items} />
      </Card>
      <ConsentsCard beneficiary={b} />
      <BeneficiaryEditDrawer beneficiary={b} open={editing} onClose={() => setEditing(false)} onReload={onReload} />
    </>
  );
}

/** /console/beneficiaries/:beneficiaryId — out-of-scope and unknown ids both show the 404 page (the server: 404). */
export default function BeneficiaryDetailPage() {
  const { beneficiaryId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: BASE_PATH,
    id: beneficiaryId,
    search: '',
    queryKey: queryKeys.beneficiary(beneficiaryId ?? ''),
    load: (id, signal) => getBeneficiary(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <BeneficiaryDetailView beneficiary={detail.data} onReload={() => void detail.refetch()} />;
}
