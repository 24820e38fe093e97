import {
  ArrowLeftOutlined,
  AuditOutlined,
  EditOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Select, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import {
  getOrganization,
  type Me,
  type OrganizationDetail,
  type OrganizationStatus,
  queryKeys,
  setOrganizationStatus,
  verifyOrganization,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormModal } from '../../components/FormModal';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { sameNamedFields } from '../../components/serverErrors';
import { useDetailRoute } from '../../components/useDetailRoute';
import { useDivisions } from '../divisions/divisions';
import NotFoundPage from '../errors/NotFoundPage';
import { useTerms } from '../registry/useTerms';
import { VerificationTag } from '../registry/VerificationTag';
import { VerifyModal } from '../registry/VerifyModal';
import { OrganizationProfileForm } from './OrganizationProfileForm';
import { STATUS_COLORS } from './organizationStatus';

const STATUSES: readonly OrganizationStatus[] = ['active', 'suspended', 'deregistered'];
const BASE_PATH = navItem('organizations').path;

/** Where the "back" button returns to: the list with its filters. */
export interface OrganizationLinkState {
  back?: string;
}

function adminCovers(me: Me, org: OrganizationDetail): boolean {
  return me.memberships.some((m) => m.role === 'bureau_admin' && org.divisionCode.startsWith(m.divisionCode));
}

function StatusModal({
  organization,
  open,
  onClose,
  onDone,
}: {
  organization: OrganizationDetail;
  open: boolean;
  onClose: () => void;
  onDone: (org: OrganizationDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  return (
    <FormModal<{ status: OrganizationStatus; reason: string }, OrganizationDetail>
      open={open}
      onClose={onClose}
      title={t('orgProfile.statusTitle', { name: organization.name })}
      okText={t('orgProfile.changeStatus')}
      danger
      name="organization-status"
      intro={
        <Typography.Paragraph>
          {t('orgProfile.currentStatus')}
          <Tag color={STATUS_COLORS[organization.status]}>{t(`orgStatus.${organization.status}`)}</Tag>
        </Typography.Paragraph>
      }
      submit={(values) =>
        setOrganizationStatus(organization.id, { status: values.status, reason: values.reason.trim() })
      }
      onSuccess={(next) => {
        message.success(t('orgProfile.statusDone'));
        onDone(next);
      }}
      fieldMap={sameNamedFields('status', 'reason')}
    >
      <Form.Item
        name="status"
        label={t('orgProfile.newStatus')}
        rules={[{ required: true, message: t('orgProfile.newStatusRequired') }]}
      >
        <Select
          options={STATUSES.filter((s) => s !== organization.status).map((s) => ({
            value: s,
            label: t(`orgStatus.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('orgProfile.reason')}
        extra={t('orgProfile.reasonHint')}
        rules={[
          { required: true, whitespace: true, message: t('orgProfile.reasonRequired') },
          {
            validator: (_rule, value: string | undefined) => {
              const length = value?.trim().length ?? 0;
              return length === 0 || (length >= 2 && length <= 200)
                ? Promise.resolve()
                : Promise.reject(new Error(t('orgProfile.reasonLength')));
            },
          },
        ]}
      >
        {/* Single line: the server refuses line breaks in a reason. */}
        <Input maxLength={200} showCount autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

/** /console/organizations/:organizationId — the profile, its editing, and the bureau's verification and status. */
export default function OrganizationDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { organizationId } = useParams();
  const [editing, setEditing] = useState(false);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const [statusOpen, setStatusOpen] = useState(false);
  const divisions = useDivisions();
  const specialties = useTerms('specialty');
  const { detail, notFound } = useDetailRoute({
    basePath: BASE_PATH,
    id: organizationId,
    search: '',
    queryKey: queryKeys.organization(organizationId ?? ''),
    load: (id, signal) => getOrganization(id, { signal }),
  });

  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;

  const org = detail.data;
  const isAdmin = adminCovers(me, org);
  const canEdit = isAdmin || me.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === org.id);
  const back = (location.state as OrganizationLinkState | null)?.back ?? BASE_PATH;

  const saved = (next: OrganizationDetail) => {
    queryClient.setQueryData(queryKeys.organization(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.organizations,
      predicate: (q) => q.queryKey[1] !== 'detail',
    });
  };

  const none = t('orgProfile.notProvided');
  const orNone = (value: ReactNode) => (value === null || value === undefined || value === '' ? none : value);
  const divisionName = (code: string) => divisions.data?.byCode.get(code)?.name ?? code;

  const items = [
    { key: 'kind', label: t('organizations.kind'), children: t(`orgKinds.${org.kind}`) },
    {
      key: 'status',
      label: t('organizations.status'),
      children: <Tag color={STATUS_COLORS[org.status]}>{t(`orgStatus.${org.status}`)}</Tag>,
    },
    {
      key: 'division',
      label: t('organizations.division'),
      children: `${org.divisionName}（${org.divisionCode}）`,
    },
    {
      key: 'verification',
      label: t('orgProfile.verificationStatus'),
      children: (
        <span className="sg-tags">
          <VerificationTag status={org.verificationStatus} />
          {org.verifiedAt ? <Typography.Text type="secondary">{formatDateTime(org.verifiedAt)}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'creditCode',
      label: t('organizations.creditCode'),
      children: org.creditCode ? <span className="sg-mono">{org.creditCode}</span> : none,
    },
    {
      key: 'legalForm',
      label: t('orgProfile.legalForm'),
      children: org.legalForm ? t(`legalForms.${org.legalForm}`) : none,
    },
    { key: 'registeredOn', label: t('orgProfile.registeredOn'), children: orNone(org.registeredOn) },
    {
      key: 'registrationAuthority',
      label: t('orgProfile.registrationAuthority'),
      children: orNone(org.registrationAuthority),
    },
    { key: 'department', label: t('orgProfile.department'), children: orNone(org.department) },
    {
      key: 'rating',
      label: t('orgProfile.rating'),
      children: org.rating
        ? org.ratedOn
          ? t('orgProfile.ratingWithDate', { rating: org.rating, date: org.ratedOn })
          : org.rating
        : t('orgProfile.noRating'),
    },
    { key: 'address', label: t('orgProfile.address'), children: orNone(org.address) },
    {
      key: 'coordinates',
      label: t('orgProfile.coordinates'),
      children:
        org.latitude !== null && org.longitude !== null ? (
          <span className="sg-mono">
            {org.latitude}, {org.longitude}
          </span>
        ) : (
          none
        ),
    },
    { key: 'contactName', label: t('orgProfile.contactName'), children: orNone(org.contactName) },
    { key: 'contactPhone', label: t('orgProfile.contactPhone'), children: orNone(org.contactPhone) },
    {
      key: 'serviceFields',
      label: t('orgProfile.serviceFields'),
      children:
        org.serviceFields.length > 0 ? (
          <span className="sg-tags">
            {org.serviceFields.map((c) => (
              <Tag key={c} color="blue">
                {specialties.name(c)}
              </Tag>
            ))}
          </span>
        ) : (
          none
        ),
    },
    {
      key: 'serviceDivisions',
      label: t('orgProfile.serviceDivisions'),
      children:
        org.serviceDivisionCodes.length > 0 ? (
          <span className="sg-tags">
            {org.serviceDivisionCodes.map((c) => (
              <Tag key={c}>{divisionName(c)}</Tag>
            ))}
          </span>
        ) : (
          none
        ),
    },
    { key: 'createdAt', label: t('organizations.createdAt'), children: formatDateTime(org.createdAt) },
    { key: 'updatedAt', label: t('orgProfile.updatedAt'), children: formatDateTime(org.updatedAt) },
  ];

  return (
    <>
      <PageHeader
        title={org.name}
        extra={
          <>
            {isAdmin ? (
              <>
                <Button icon={<SafetyCertificateOutlined />} onClick={() => setVerifyOpen(true)}>
                  {t('orgProfile.verify')}
                </Button>
                <Button icon={<SwapOutlined />} onClick={() => setStatusOpen(true)}>
                  {t('orgProfile.changeStatus')}
                </Button>
              </>
            ) : null}
            {me.roles.includes('bureau_admin') ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => void navigate(`${navItem('audit').path}?targetType=organization&targetId=${org.id}`)}
              >
                {t('common.auditLink')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
              {t('orgProfile.back')}
            </Button>
          </>
        }
      />
      <Card
        title={<h2 className="sg-card-title">{editing ? t('orgProfile.editTitle') : t('orgProfile.title')}</h2>}
        extra={
          canEdit && !editing ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('orgProfile.edit')}
            </Button>
          ) : null
        }
      >
        {editing ? (
          <OrganizationProfileForm
            key={org.version}
            organization={org}
            canRate={isAdmin}
            onSaved={(next) => {
              saved(next);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={() => void detail.refetch()}
          />
        ) : (
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" items={items} />
        )}
      </Card>
      {isAdmin ? (
        <>
          <VerifyModal
            open={verifyOpen}
            title={t('orgProfile.verifyTitle')}
            description={t('orgProfile.verifyDescription', {
              name: org.name,
              creditCode: org.creditCode ?? t('orgProfile.notProvided'),
            })}
            onClose={() => setVerifyOpen(false)}
            onSubmit={async (body) => saved(await verifyOrganization(org.id, body))}
          />
          <StatusModal organization={org} open={statusOpen} onClose={() => setStatusOpen(false)} onDone={saved} />
        </>
      ) : null}
    </>
  );
}
