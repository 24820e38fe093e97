import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISABLED_PERSON_CATEGORY, GUARDIAN_REQUIRED_UNDER_AGE } from '../../../../contracts/api/services';
import { type Beneficiary, queryKeys, type UpdateBeneficiaryBody, updateBeneficiary } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { useIsMobile } from '../../components/useMediaQuery';
import { sameList, useVersionedSave } from '../../components/useVersionedSave';
import { MobileItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { CommunityItem } from '../residents/residentFormItems';
import { ageOf, BENEFICIARY_FIELD_MAP } from './beneficiaryBits';
import { AddressItem, CategoriesItem, DisabilityItems, GuardianItems } from './beneficiaryFormItems';

type Guardian = NonNullable<Beneficiary['guardian']>;

interface Values {
  name: string;
  mobile?: string;
  address?: string;
  divisionCode: string;
  categories: string[];
  disabilityType?: NonNullable<Beneficiary['disability']>['type'];
  disabilityGrade?: number;
  guardianName?: string;
  guardianRelation?: Guardian['relation'];
  guardianMobile?: string;
}

/** Only what changed goes to the server (the audit log lists the changed fields), always with the version read. */
function changes(b: Beneficiary, values: Values): UpdateBeneficiaryBody {
  const body: UpdateBeneficiaryBody = { version: b.version };
  const name = values.name.trim();
  if (name !== b.name) body.name = name;
  // Empty mobile / address fields keep what is on file: the full values are never loaded into a form.
  const mobile = mobileForServer(values.mobile);
  if (mobile) body.mobile = mobile;
  const address = values.address?.trim();
  if (address) body.address = address;
  if (values.divisionCode !== b.divisionCode) body.divisionCode = values.divisionCode;
  if (!sameList(values.categories, b.categories)) body.categories = values.categories;
  const disabled = values.categories.includes(DISABLED_PERSON_CATEGORY);
  const disability =
    disabled && values.disabilityType && values.disabilityGrade
      ? { type: values.disabilityType, grade: values.disabilityGrade }
      : null;
  if (disability?.type !== b.disability?.type || disability?.grade !== b.disability?.grade)
    body.disability = disability;
  const guardianName = values.guardianName?.trim() ?? '';
  if (!guardianName && b.guardian) body.guardian = null;
  else if (guardianName && values.guardianRelation) {
    const guardianMobile = mobileForServer(values.guardianMobile);
    const changed =
      !b.guardian ||
      guardianName !== b.guardian.name ||
      values.guardianRelation !== b.guardian.relation ||
      !!guardianMobile;
    // The server needs the guardian's mobile with any guardian change; the form asks for it then.
    if (changed)
      body.guardian = { name: guardianName, relation: values.guardianRelation, mobile: guardianMobile ?? '' };
  }
  return body;
}

function BeneficiaryEditForm({
  beneficiary: b,
  onSaved,
  onCancel,
  onReload,
}: {
  beneficiary: Beneficiary;
  onSaved: (next: Beneficiary) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const categories = Form.useWatch('categories', form);
  const guardianName = Form.useWatch('guardianName', form);
  const guardianRelation = Form.useWatch('guardianRelation', form);
  const minor = ageOf(b.birthDate) < GUARDIAN_REQUIRED_UNDER_AGE;
  const guardianChanged =
    !!guardianName?.trim() &&
    (!b.guardian || guardianName.trim() !== b.guardian.name || guardianRelation !== b.guardian.relation);
  const isCommunityStaff = me.memberships.some((m) => m.role === 'community_staff');
  const save = useVersionedSave({
    form,
    changes: (values: Values) => changes(b, values),
    save: (body: UpdateBeneficiaryBody) => updateBeneficiary(b.id, body),
    onSaved,
    fieldMap: BENEFICIARY_FIELD_MAP,
    codeFields: { 'organization.out_of_scope': 'divisionCode', 'division.unknown': 'divisionCode' },
  });

  return (
    <>
      <StaleVersionAlert
        message={save.stale}
        onReload={onReload}
        description={t('residentDetail.staleHint')}
        testId="beneficiary-stale"
      />
      <FormErrorAlert messages={save.errors} />
      <Form<Values>
        form={form}
        name="beneficiary-edit"
        layout="vertical"
        initialValues={{
          name: b.name,
          mobile: '',
          address: '',
          divisionCode: b.divisionCode,
          categories: b.categories,
          disabilityType: b.disability?.type,
          disabilityGrade: b.disability?.grade,
          guardianName: b.guardian?.name ?? '',
          guardianRelation: b.guardian?.relation,
          guardianMobile: '',
        }}
        onFinish={save.submit}
        className="sg-form-grid"
      >
        <PersonNameItem label={t('beneficiaries.name')} />
        <MobileItem
          label={t('beneficiaries.mobile')}
          extra={
            b.mobileMasked
              ? t('residentDetail.newMobileHint', { masked: b.mobileMasked })
              : t('residentDetail.newMobileHintNone')
          }
        />
        <CommunityItem
          prefixes={isCommunityStaff ? me.scope.divisionPrefixes : null}
          className="sg-form-grid-full"
          expandedKeys={[b.divisionCode]}
        />
        <AddressItem
          extra={b.addressMasked ? t('beneficiaries.newAddressHint', { masked: b.addressMasked }) : undefined}
        />
        <CategoriesItem />
        {(categories ?? []).includes(DISABLED_PERSON_CATEGORY) ? <DisabilityItems /> : null}
        <GuardianItems
          required={minor || guardianChanged}
          mobileRequired={guardianChanged}
          mobileExtra={b.guardian?.mobileMasked ? t('beneficiaries.guardianMobileHint') : undefined}
        />
        <Space className="sg-form-grid-full" wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.saving}
            disabled={!!save.stale}
            data-testid="beneficiary-save"
          >
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** 编辑服务对象: a drawer (full width on phones); PATCH with the version read. */
export function BeneficiaryEditDrawer({
  beneficiary,
  open,
  onClose,
  onReload,
}: {
  beneficiary: Beneficiary;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const saved = (next: Beneficiary) => {
    queryClient.setQueryData(queryKeys.beneficiary(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.beneficiaries,
      predicate: (q) => q.queryKey[1] === 'list',
    });
    onClose();
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('beneficiaries.editTitle', { name: beneficiary.name })}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
    >
      <BeneficiaryEditForm
        key={beneficiary.version}
        beneficiary={beneficiary}
        onSaved={saved}
        onCancel={onClose}
        onReload={onReload}
      />
    </Drawer>
  );
}
