import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { TermsItem } from '../registry/formItems';
import { AVAILABILITIES } from './workerBits';

/** The worker's profile fields that registering and editing share: 区划, availability, specialties, languages. */
export function WorkerProfileItems() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="divisionCode" label={t('workers.division')}>
        <DivisionTreeSelect allowClear placeholder={t('registerWorker.divisionPlaceholder')} />
      </Form.Item>
      <Form.Item name="availability" label={t('workers.availability')} rules={[{ required: true }]}>
        <Select options={AVAILABILITIES.map((a) => ({ value: a, label: t(`availability.${a}`) }))} />
      </Form.Item>
      <TermsItem
        scheme="specialty"
        name="specialties"
        label={t('workers.specialty')}
        max={10}
        maxMessage={t('registerWorker.max10')}
      />
      <TermsItem
        scheme="language"
        name="languages"
        label={t('workers.language')}
        max={10}
        maxMessage={t('registerWorker.max10')}
      />
    </>
  );
}

/**
 * The agency a worker is registered or hired at (`agencyId`). The bureau searches all agencies; a manager of several
 * agencies picks one of them; a manager of one agency sees it (the server takes it).
 */
export function AgencyItem({
  label,
  requiredMessage,
  bureauHint,
}: {
  label: string;
  requiredMessage: string;
  /** When given, the bureau may leave the agency empty, and this says what that means. */
  bureauHint?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const managed = me.memberships.filter((m) => m.role === 'agency_manager');
  const required = [{ required: true, message: requiredMessage }];

  if (me.roles.includes('bureau_admin')) {
    return (
      <Form.Item name="agencyId" label={label} extra={bureauHint} rules={bureauHint ? undefined : required}>
        <OrganizationSelect
          kind="agency"
          allowClear={!!bureauHint}
          placeholder={t('organizations.searchOrganizations')}
        />
      </Form.Item>
    );
  }
  if (managed.length > 1) {
    return (
      <Form.Item name="agencyId" label={label} rules={required}>
        <Select options={managed.map((m) => ({ value: m.organizationId, label: m.organizationName }))} />
      </Form.Item>
    );
  }
  if (managed.length === 1) {
    return (
      <Form.Item label={label}>
        <Input value={managed[0]?.organizationName} disabled />
      </Form.Item>
    );
  }
  return null;
}

/** 岗位 and the first day of a job, for hiring a worker and for a transfer. */
export function EmploymentStartItems({
  startedOnLabel,
  startedOnRequired,
  disabledDate,
}: {
  startedOnLabel: string;
  startedOnRequired: string;
  disabledDate: (day: Dayjs) => boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="role"
        label={t('employment.role')}
        rules={[
          { required: true, whitespace: true, message: t('employment.roleRequired') },
          { max: 50, message: t('employment.roleLength') },
        ]}
      >
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item name="startedOn" label={startedOnLabel} rules={[{ required: true, message: startedOnRequired }]}>
        <DatePicker className="sg-full-width" disabledDate={disabledDate} />
      </Form.Item>
    </>
  );
}
