import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Select, Space, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { creditCodeProblem, normalizeMobile } from '../../../../contracts/identifiers';
import { AGENCY_RATINGS, LEGAL_FORMS } from '../../../../contracts/taxonomy';
import { isApiError } from '../../api/client';
import {
  type AgencyRating,
  type LegalForm,
  type OrganizationDetail,
  type UpdateOrganizationBody,
  updateOrganization,
} from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { toTreeSelectData, useDivisions } from '../divisions/divisions';
import { fromDay, isAfterToday, toDay, useDayjsLocale } from '../registry/dates';
import { useTerms } from '../registry/useTerms';

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

const FIELD_MAP = {
  name: ['name'],
  department: ['department'],
  creditCode: ['creditCode'],
  legalForm: ['legalForm'],
  registeredOn: ['registeredOn'],
  registrationAuthority: ['registrationAuthority'],
  rating: ['rating'],
  ratedOn: ['ratedOn'],
  address: ['address'],
  latitude: ['latitude'],
  longitude: ['longitude'],
  serviceFields: ['serviceFields'],
  serviceDivisionCodes: ['serviceDivisionCodes'],
  contactName: ['contactName'],
  contactPhone: ['contactPhone'],
};

/** Registered organizations (agencies, evaluators) need a 统一社会信用代码. */
const NEEDS_CREDIT_CODE = ['agency', 'evaluator'];

const text = (value: string | undefined) => value?.trim() || null;
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

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
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const divisions = useDivisions();
  const specialties = useTerms('specialty');
  const treeData = useMemo(() => (divisions.data ? toTreeSelectData(divisions.data.roots) : []), [divisions.data]);
  const creditCode = Form.useWatch('creditCode', form);
  useDayjsLocale();

  const needsCreditCode = NEEDS_CREDIT_CODE.includes(org.kind);
  const creditCodeChanged = (text(creditCode)?.toUpperCase() ?? null) !== org.creditCode;

  const mutation = useMutation({
    mutationFn: (body: UpdateOrganizationBody) => updateOrganization(org.id, body),
    onSuccess: (next) => {
      message.success(t('common.saved'));
      onSaved(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'conflict.stale_version') {
        setStale(error.message);
        setErrors(null);
        return;
      }
      if (isApiError(error) && error.code === 'organization.credit_code_taken') {
        form.setFields([{ name: 'creditCode', errors: [error.message] }]);
      }
      if (isApiError(error) && error.code === 'division.unknown') {
        form.setFields([{ name: 'serviceDivisionCodes', errors: [error.message] }]);
      }
      setErrors(applyServerErrors(form, error, FIELD_MAP));
    },
  });

  const submit = (values: Values) => {
    const body = changes(org, values, canRate);
    if (Object.keys(body).length === 1) {
      message.info(t('common.noChanges'));
      return;
    }
    setErrors(null);
    mutation.mutate(body);
  };

  return (
    <>
      {stale ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          title={stale}
          action={
            <Button size="small" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <FormErrorAlert messages={errors} />
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
        onFinish={submit}
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
        <Form.Item name="latitude" label={t('orgProfile.latitude')}>
          <InputNumber min={-90} max={90} step={0.000001} className="sg-full-width" />
        </Form.Item>
        <Form.Item name="longitude" label={t('orgProfile.longitude')}>
          <InputNumber min={-180} max={180} step={0.000001} className="sg-full-width" />
        </Form.Item>
        <Form.Item
          name="serviceFields"
          label={t('orgProfile.serviceFields')}
          className="sg-form-grid-full"
          rules={[{ type: 'array', max: 20, message: t('orgProfile.max20') }]}
        >
          <Select
            mode="multiple"
            allowClear
            options={specialties.options}
            loading={specialties.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="serviceDivisionCodes" label={t('orgProfile.serviceDivisions')} className="sg-form-grid-full">
          <TreeSelect
            multiple
            allowClear
            treeData={treeData}
            loading={divisions.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={divisions.data?.roots.map((r) => r.division.code)}
            placeholder={t('orgProfile.serviceDivisionsPlaceholder')}
          />
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
          <Button type="primary" htmlType="submit" loading={mutation.isPending} disabled={!!stale}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
