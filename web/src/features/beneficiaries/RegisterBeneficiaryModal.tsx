import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DISABLED_PERSON_CATEGORY, HOUSEHOLD_RELATIONS } from '../../../../contracts/api/services';
import { isApiError } from '../../api/client';
import {
  type Beneficiary,
  type CreateBeneficiaryBody,
  createBeneficiary,
  listBeneficiaries,
  queryKeys,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { IdNumberItem, MobileItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { CommunityItem } from '../residents/residentFormItems';
import { BENEFICIARY_FIELD_MAP, guardianRequiredFor } from './beneficiaryBits';
import { AddressItem, CategoriesItem, DisabilityItems, GuardianItems } from './beneficiaryFormItems';

interface Values {
  name: string;
  idNumber: string;
  mobile?: string;
  address?: string;
  divisionCode: string;
  categories?: string[];
  disabilityType?: NonNullable<CreateBeneficiaryBody['disability']>['type'];
  disabilityGrade?: number;
  guardianName?: string;
  guardianRelation?: NonNullable<CreateBeneficiaryBody['guardian']>['relation'];
  guardianMobile?: string;
  householdMode: 'new' | 'join';
  householdId?: string;
  householdRelation?: NonNullable<CreateBeneficiaryBody['household']>['relation'];
}

const JOIN_RELATIONS = HOUSEHOLD_RELATIONS.filter((r) => r !== 'self');

function toBody(values: Values, guardianRequired: boolean): CreateBeneficiaryBody {
  const address = values.address?.trim();
  const categories = values.categories ?? [];
  const guardianGiven = guardianRequired || !!values.guardianName?.trim();
  return {
    name: values.name.trim(),
    idNumber: values.idNumber.trim().toUpperCase(),
    mobile: mobileForServer(values.mobile),
    address: address || undefined,
    divisionCode: values.divisionCode,
    categories,
    disability:
      categories.includes(DISABLED_PERSON_CATEGORY) && values.disabilityType && values.disabilityGrade
        ? { type: values.disabilityType, grade: values.disabilityGrade }
        : undefined,
    guardian:
      guardianGiven && values.guardianRelation
        ? {
            name: values.guardianName?.trim() ?? '',
            relation: values.guardianRelation,
            mobile: mobileForServer(values.guardianMobile) ?? '',
          }
        : undefined,
    household:
      values.householdMode === 'join' && values.householdId && values.householdRelation
        ? { id: values.householdId, relation: values.householdRelation }
        : undefined,
  };
}

/** The household to join: found by a member's name among the beneficiaries the user can see. */
function HouseholdPicker({ value, onChange }: { value?: string; onChange?: (id?: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim(), 300);
  const params = { q: debounced, page: 1, pageSize: 10 };
  const found = useQuery({
    queryKey: queryKeys.beneficiaryList(params),
    queryFn: ({ signal }) => listBeneficiaries(params, { signal }),
    enabled: debounced.length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('beneficiaries.householdSearch')}
      notFoundContent={debounced ? t('beneficiaries.householdNone') : t('beneficiaries.householdTypeName')}
      options={(found.data?.items ?? []).map((b) => ({
        value: b.householdId,
        label: `${b.name}（${b.idNumberMasked} · ${b.divisionName}）`,
      }))}
    />
  );
}

/** 登记服务对象: identifiers are checked here for early hints; the server decides. */
export function RegisterBeneficiaryModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (beneficiary: Beneficiary) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [duplicateId, setDuplicateId] = useState<string | null | undefined>(undefined);
  const idNumber = Form.useWatch('idNumber', form);
  const categories = Form.useWatch('categories', form);
  const householdMode = Form.useWatch('householdMode', form);
  const guardianRequired = guardianRequiredFor(idNumber);
  const disabled = (categories ?? []).includes(DISABLED_PERSON_CATEGORY);
  const ownCommunities = me.memberships.filter((m) => m.role === 'community_staff').map((m) => m.divisionCode);
  // Community staff place people in their communities; agency staff serve anywhere their agency works.
  const communityPrefixes = ownCommunities.length > 0 ? me.scope.divisionPrefixes : null;

  const reset = () => {
    form.resetFields();
    setErrors(null);
    setDuplicateId(undefined);
  };

  const mutation = useMutation({
    mutationFn: (values: Values) => createBeneficiary(toBody(values, guardianRequired)),
    onSuccess: (created) => {
      message.success(t('beneficiaries.created', { name: created.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.beneficiaries });
      reset();
      onCreated(created);
    },
    onError: (error) => {
      setDuplicateId(undefined);
      if (isApiError(error) && error.code === 'beneficiary.duplicate') {
        const existingId = (error.details as { existingId?: unknown } | null | undefined)?.existingId;
        setDuplicateId(typeof existingId === 'string' ? existingId : null);
        form.setFields([{ name: 'idNumber', errors: [error.message] }]);
        setErrors(null);
        return;
      }
      if (isApiError(error) && (error.code === 'organization.out_of_scope' || error.code === 'division.unknown')) {
        form.setFields([{ name: 'divisionCode', errors: [error.message] }]);
      }
      setErrors(applyServerErrors(form, error, BENEFICIARY_FIELD_MAP));
    },
  });

  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('beneficiaries.registerTitle')}
      okText={t('beneficiaries.registerSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      width={760}
      destroyOnHidden
    >
      <FormErrorAlert messages={errors} />
      {duplicateId !== undefined ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          title={t('beneficiaries.duplicate')}
          description={
            duplicateId ? (
              <Link to={`${navItem('beneficiaries').path}/${duplicateId}`}>{t('beneficiaries.openExisting')}</Link>
            ) : (
              t('beneficiaries.duplicateElsewhere')
            )
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        name="register-beneficiary"
        layout="vertical"
        initialValues={{
          categories: [],
          householdMode: 'new',
          divisionCode: ownCommunities.length === 1 ? ownCommunities[0] : undefined,
        }}
        onFinish={(values) => mutation.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('idNumber' in changed) setDuplicateId(undefined);
        }}
        className="sg-form-grid"
      >
        <PersonNameItem label={t('beneficiaries.name')} autoFocus />
        <IdNumberItem label={t('beneficiaries.idNumber')} extra={t('beneficiaries.idNumberHint')} />
        <MobileItem label={t('beneficiaries.mobile')} />
        <CommunityItem prefixes={communityPrefixes} expandAll={communityPrefixes !== null} />
        <AddressItem extra={t('beneficiaries.addressHint')} />
        <CategoriesItem />
        {disabled ? <DisabilityItems /> : null}
        {guardianRequired ? (
          <>
            <Alert
              type="info"
              showIcon
              className="sg-form-grid-full"
              data-testid="beneficiary-guardian-note"
              title={t('beneficiaries.guardianNeeded')}
            />
            <GuardianItems required />
          </>
        ) : null}
        <Form.Item name="householdMode" label={t('beneficiaries.household')} className="sg-form-grid-full">
          <Radio.Group
            options={[
              { value: 'new', label: t('beneficiaries.householdNew') },
              { value: 'join', label: t('beneficiaries.householdJoin') },
            ]}
          />
        </Form.Item>
        {householdMode === 'join' ? (
          <>
            <Form.Item
              name="householdId"
              label={t('beneficiaries.householdMember')}
              rules={[{ required: true, message: t('beneficiaries.householdRequired') }]}
            >
              <HouseholdPicker />
            </Form.Item>
            <Form.Item
              name="householdRelation"
              label={t('beneficiaries.householdRelation')}
              rules={[{ required: true, message: t('beneficiaries.householdRelationRequired') }]}
            >
              <Select
                options={JOIN_RELATIONS.map((v) => ({ value: v, label: t(`beneficiaries.householdRelations.${v}`) }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Typography.Paragraph type="secondary" className="sg-form-grid-full">
          {t('beneficiaries.registerNote')}
        </Typography.Paragraph>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
