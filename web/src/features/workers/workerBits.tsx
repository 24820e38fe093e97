import { Progress, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_LEVELS } from '../../../../contracts/taxonomy';
import type {
  Availability,
  Compliance,
  ComplianceFilter,
  CredentialLevel,
  Me,
  RegistrationState,
  WorkerDetail,
  WorkerSummary,
} from '../../api/endpoints';
import { TermTags } from '../registry/TermTags';

export const LEVELS: readonly CredentialLevel[] = CREDENTIAL_LEVELS;
export const AVAILABILITIES: readonly Availability[] = ['available', 'limited', 'unavailable'];
export const REGISTRATION_STATES: readonly RegistrationState[] = ['valid', 'expiring', 'expired', 'none'];
export const COMPLIANCE_FILTERS: readonly ComplianceFilter[] = ['compliant', 'shortfall'];

export function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** Hours in steps of half an hour: 40 → "40", 40.5 → "40.5". */
export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

export function LevelText({ level }: { level: CredentialLevel | null }) {
  const { t } = useTranslation();
  return <>{level ? t(`credentialLevels.${level}`) : t('credentialLevels.none')}</>;
}

const AVAILABILITY_COLORS: Record<Availability, string> = {
  available: 'success',
  limited: 'warning',
  unavailable: 'default',
};

export function AvailabilityTag({ availability }: { availability: Availability }) {
  const { t } = useTranslation();
  return <Tag color={AVAILABILITY_COLORS[availability]}>{t(`availability.${availability}`)}</Tag>;
}

/** The Descriptions rows of a worker's specialties and languages (the detail header and the read-only profile). */
export function termItems(worker: Pick<WorkerDetail, 'specialties' | 'languages'>, t: TFunction) {
  return [
    {
      key: 'specialties',
      label: t('workers.specialty'),
      children: <TermTags scheme="specialty" codes={worker.specialties} />,
    },
    {
      key: 'languages',
      label: t('workers.language'),
      children: <TermTags scheme="language" codes={worker.languages} />,
    },
  ];
}

/** Registration end with a warning tag when it is near, past, or missing. */
export function RegistrationEnd({ compliance }: { compliance: Compliance }) {
  const { t } = useTranslation();
  const { registrationState: state, periodTo, daysToExpiry } = compliance;
  return (
    <span className="sg-tags">
      {periodTo ? <span className="sg-nowrap">{periodTo}</span> : null}
      {state === 'expiring' ? (
        <Tag color={daysToExpiry !== null && daysToExpiry <= 30 ? 'error' : 'warning'}>
          {t('workers.expiresIn', { days: daysToExpiry ?? 0 })}
        </Tag>
      ) : state === 'expired' ? (
        <Tag color="error">{t('registrationStates.expired')}</Tag>
      ) : state === 'none' ? (
        <Tag>{t('registrationStates.none')}</Tag>
      ) : null}
    </span>
  );
}

/** "40 / 72 学时" with a small bar; red when the period is ending short. */
export function CeHours({ compliance, wide = false }: { compliance: Compliance; wide?: boolean }) {
  const { t } = useTranslation();
  const { completedHours, requiredHours } = compliance;
  if (requiredHours <= 0) return <span className="sg-muted">{t('ce.noRequirement')}</span>;
  const percent = Math.min(100, Math.round((completedHours / requiredHours) * 100));
  const status = compliance.compliant
    ? 'success'
    : compliance.warnings.includes('ce_shortfall')
      ? 'exception'
      : 'normal';
  return (
    <div className={wide ? 'sg-ce-hours sg-ce-hours-wide' : 'sg-ce-hours'}>
      <span className="sg-nowrap">
        {t('workers.hoursOf', { completed: formatHours(completedHours), required: formatHours(requiredHours) })}
      </span>
      <Progress
        percent={percent}
        size="small"
        status={status}
        showInfo={false}
        aria-label={t('workers.hoursOf', {
          completed: formatHours(completedHours),
          required: formatHours(requiredHours),
        })}
      />
    </div>
  );
}

/** What the signed-in user may do with a worker (the server decides; this only hides what would be refused). */
export function workerPermissions(me: Me, worker: Pick<WorkerSummary, 'agencyId'> & { userId?: string | null }) {
  const admin = me.roles.includes('bureau_admin');
  const managesAgency =
    worker.agencyId !== null &&
    me.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === worker.agencyId);
  const self = !!worker.userId && worker.userId === me.user.id;
  const editor = admin || managesAgency || self;
  return {
    edit: editor,
    reveal: editor,
    addCe: editor,
    addRegistration: admin,
    verifyCredential: admin,
    viewAudit: admin,
    /** 结束聘用: the employing agency's manager or the bureau, while the worker has an agency. */
    endEmployment: worker.agencyId !== null && (admin || managesAgency),
    /** 调动机构: the bureau only. */
    transfer: admin && worker.agencyId !== null,
  };
}
