import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { creditCodeProblem, normalizeMobile } from '../../../../contracts/identifiers';
import { AGENCY_RATINGS, LEGAL_FORMS } from '../../../../contracts/taxonomy';
import {
  type AgencyRating,
  type LegalForm,
  type OrganizationDetail,
  type UpdateOrganizationBody,
  updateOrganization,
} from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { sameNamedFields } from '../../components/serverErrors';
import { sameList, useVersionedSave } from '../../components/useVersionedSave';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { fromDay, isAfterToday, toDay, useDayjsLocale } from '../registry/dates';
import { CoordinateItems, TermsItem } from '../registry/formItems';

interface Values {
  name: string;
  department?: string;
  creditCode?: string;
  legalForm?: LegalForm | null;
  registeredOn?: Dayjs | null;
  registrationAuthority?: string;
  rating?: AgencyRating | null;
  ratedOn?: Dayjs | null;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  serviceFields: string[];
  serviceDivisionCodes: string[];
  contactName?: string;
  contactPhone?: string;
}

const FIELD_MAP = sameNamedFields(
  'name',
  'department',
  'creditCode',
  'legalForm',
  'registeredOn',
  'registrationAuthority',
  'rating',
  'ratedOn',
  'address',
  'latitude',
  'longitude',
  'serviceFields',
  'serviceDivisionCodes',
  'contactName',
  'contactPhone',
);

/** Registered organizations (agencies, evaluators) need a 统一社会信用代码. */
const NEEDS_CREDIT_CODE = ['agency', 'evaluator'];

const text = (value: string | undefined) => value?.trim() || null;

/** Only changed fields are sent (the audit log lists them; a changed credit code needs verifying again). */
function changes(org: OrganizationDetail, v: Values, canRate: boolean): UpdateOrganizationBody {
  const body: UpdateOrganizationBody = { version: org.version };
  const name = v.name.trim();
  if (name !== org.name) body.name = name;
  const pairs = [
    ['department', text(v.department), org.department],
    ['creditCode', text(v.creditCode)?.toUpperCase() ?? null, org.creditCode],
    ['registrationAuthority', text(v.registrationAuthority), org.registrationAuthority],
    ['address', text(v.address), org.address],
    ['contactName', text(v.contactName), org.contactName],
  ] as const;
  for (const [key, next, prev] of pairs) if (next !== prev) body[key] = next;
  const phone = text(v.contactPhone);
  const normalizedPhone = phone ? (normalizeMobile(phone) ?? phone) : null;
  if (normalizedPhone !== org.contactPhone) body.contactPhone = normalizedPhone;
  if ((v.legalForm ?? null) !== org.legalForm) body.legalForm = v.legalForm ?? null;
  const registeredOn = fromDay(v.registeredOn);
  if (registeredOn !== org.registeredOn) body.registeredOn = registeredOn;
  if (canRate) {
    if ((v.rating ?? null) !== org.rating) body.rating = v.rating ?? null;
    const ratedOn = fromDay(v.ratedOn);
    if (ratedOn !== org.ratedOn) body.ratedOn = ratedOn;
  }
  if ((v.latitude ?? null) !== org.latitude) body.latitude = v.latitude ?? null;
  if ((v.longitude ?? null) !== org.longitude) body.longitude = v.longitude ?? null;
  if (!sameList(v.serviceFields, org.serviceFields)) body.serviceFields = v.serviceFields;
  if (!sameList(v.serviceDivisionCodes, org.serviceDivisionCodes)) body.serviceDivisionCodes = v.serviceDivisionCodes;
  return body;
}

/**
 * The profile edit form. Bureau admins edit everything; an agency manager edits their agency's profile except the
 * 等级评估 (a rating is the result of the bureau's assessment, so it is entered by the bureau).
 */
export function OrganizationProfileForm({
  organization: org,
  canRate,
  onSaved,
  onCancel,
  onReload,
}: {
  organization: OrganizationDetail;
  canRate: boolean;
  onSaved: (org: OrganizationDetail) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const creditCode = Form.useWatch('creditCode', form);
  useDayjsLocale();

  const needsCreditCode = NEEDS_CREDIT_CODE.includes(org.kind);
  const creditCodeChanged = (text(creditCode)?.toUpperCase() ?? null) !== org.creditCode;

  const save = useVersionedSave({
    form,
    changes: (values: Values) => changes(org, values, canRate),
    save: (body: UpdateOrganizationBody) => updateOrganization(org.id, body),
    onSaved,
    fieldMap: FIELD_MAP,
    codeFields: { 'organization.credit_code_taken': 'creditCode', 'division.unknown': 'serviceDivisionCodes' },
  });

  return (
    <>
      <StaleVersionAlert message={save.stale} onReload={onReload} />
      <FormErrorAlert messages={save.errors} />
      <Form<Values>
        form={form}
        name="organization-profile"
        layout="vertical"
        className="sg-form-grid"
        initialValues={{
          name: org.name,
          department: org.department ?? '',
          creditCode: org.creditCode ?? '',
          legalForm: org.legalForm,
          registeredOn: toDay(org.registeredOn),
          registrationAuthority: org.registrationAuthority ?? '',
          rating: org.rating,
          ratedOn: toDay(org.ratedOn),
          address: org.address ?? '',
          latitude: org.latitude,
          longitude: org.longitude,
          serviceFields: org.serviceFields,
          serviceDivisionCodes: org.serviceDivisionCodes,
          contactName: org.contactName ?? '',
          contactPhone: org.contactPhone ?? '',
        }}
        onFinish={save.submit}
      >
        <Form.Item
          name="name"
          label={t('organizations.name')}
          className="sg-form-grid-full"
          rules={[
            { required: true, whitespace: true, message: t('organizations.nameRequired') },
            { min: 2, max: 100, message: t('organizations.nameLength') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organizations.creditCode')}
          extra={
            creditCodeChanged && org.verificationStatus !== 'unverified' ? t('orgProfile.reverifyHint') : undefined
          }
          validateFirst
          rules={[
            { required: needsCreditCode, whitespace: true, message: t('organizations.creditCodeRequired') },
            {
              validator: (_rule, value: string | undefined) => {
                const problem = value?.trim() ? creditCodeProblem(value) : null;
                return problem
                  ? Promise.reject(new Error(t(`orgProfile.creditCodeProblem.${problem}`)))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" spellCheck={false} className="sg-mono-input" />
        </Form.Item>
        <Form.Item name="legalForm" label={t('orgProfile.legalForm')}>
          <Select
            allowClear
            placeholder={t('orgProfile.choose')}
            options={LEGAL_FORMS.map((f) => ({ value: f, label: t(`legalForms.${f}`) }))}
          />
        </Form.Item>
        <Form.Item name="registeredOn" label={t('orgProfile.registeredOn')}>
          <DatePicker className="sg-full-width" disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item
          name="registrationAuthority"
          label={t('orgProfile.registrationAuthority')}
          rules={[{ max: 100, message: t('orgProfile.length100') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="department"
          label={t('orgProfile.department')}
          rules={[{ max: 100, message: t('orgProfile.length100') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="rating"
          label={t('orgProfile.rating')}
          extra={canRate ? undefined : t('orgProfile.ratingByBureau')}
        >
          <Select
            allowClear
            disabled={!canRate}
            placeholder={t('orgProfile.noRating')}
            options={AGENCY_RATINGS.map((r) => ({ value: r, label: r }))}
          />
        </Form.Item>
        <Form.Item
          name="ratedOn"
          label={t('orgProfile.ratedOn')}
          dependencies={['registeredOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: Dayjs | null | undefined) => {
                const registered = fromDay(getFieldValue('registeredOn') as Dayjs | null | undefined);
                const rated = fromDay(value);
                return registered && rated && rated < registered
                  ? Promise.reject(new Error(t('orgProfile.ratedBeforeRegistered')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker className="sg-full-width" disabled={!canRate} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('orgProfile.address')}
          className="sg-form-grid-full"
          rules={[{ max: 200, message: t('orgProfile.length200') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <CoordinateItems
          latitudeLabel={t('orgProfile.latitude')}
          longitudeLabel={t('orgProfile.longitude')}
          step={0.000001}
        />
        <TermsItem
          scheme="specialty"
          name="serviceFields"
          label={t('orgProfile.serviceFields')}
          className="sg-form-grid-full"
          max={20}
          maxMessage={t('orgProfile.max20')}
        />
        <Form.Item name="serviceDivisionCodes" label={t('orgProfile.serviceDivisions')} className="sg-form-grid-full">
          <DivisionTreeSelect multiple allowClear placeholder={t('orgProfile.serviceDivisionsPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('orgProfile.contactName')}
          rules={[{ max: 50, message: t('orgProfile.length50') }]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('orgProfile.contactPhone')}
          rules={[
            {
              validator: (_rule, value: string | undefined) => {
                const phone = value?.trim();
                return !phone || normalizeMobile(phone) || /^0\d{2,3}-?\d{7,8}$/.test(phone)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('orgProfile.contactPhoneInvalid')));
              },
            },
          ]}
        >
          <Input maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Space className="sg-form-grid-full">
          <Button type="primary" htmlType="submit" loading={save.saving} disabled={!!save.stale}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
