import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TermsItem } from '../registry/formItems';
import { useIdentityRules } from '../registry/identityRules';
import { DISABILITY_GRADES, DISABILITY_TYPES, GUARDIAN_RELATIONS } from './beneficiaryBits';

/*
 * Form items of the beneficiary register and edit forms (the shared person items are in registry/formItems).
 */

/** 类别 (特殊困难群体), from the managed `beneficiary_category` terms. */
export function CategoriesItem() {
  const { t } = useTranslation();
  return (
    <TermsItem
      scheme="beneficiary_category"
      name="categories"
      label={t('beneficiaries.categories')}
      className="sg-form-grid-full"
      max={20}
      maxMessage={t('registerResident.max20')}
    />
  );
}

/** 居住地址 (optional): stored encrypted, shown masked to the street. */
export function AddressItem({ extra }: { extra?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="address"
      label={t('beneficiaries.address')}
      extra={extra}
      className="sg-form-grid-full"
      rules={[{ max: 200, message: t('beneficiaries.addressLength') }]}
    >
      <Input maxLength={200} autoComplete="off" />
    </Form.Item>
  );
}

/** 残疾类别 and 等级 (GB/T 26341-2010): only for the category 残疾人, and then required. */
export function DisabilityItems() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="disabilityType"
        label={t('beneficiaries.disabilityType')}
        rules={[{ required: true, message: t('beneficiaries.disabilityTypeRequired') }]}
      >
        <Select options={DISABILITY_TYPES.map((v) => ({ value: v, label: t(`beneficiaries.disabilityTypes.${v}`) }))} />
      </Form.Item>
      <Form.Item
        name="disabilityGrade"
        label={t('beneficiaries.disabilityGrade')}
        rules={[{ required: true, message: t('beneficiaries.disabilityGradeRequired') }]}
      >
        <Select
          options={DISABILITY_GRADES.map((v) => ({ value: v, label: t(`beneficiaries.disabilityGrades.${v}`) }))}
        />
      </Form.Item>
    </>
  );
}

/**
 * 监护人: name, relation and mobile. Required for a child under 14 (PIPL art. 31); otherwise optional, but a guardian
 * once started needs all three.
 */
export function GuardianItems({
  required,
  mobileRequired = required,
  mobileExtra,
}: {
  required: boolean;
  /** In the edit form the number on file stays unless the guardian changes. */
  mobileRequired?: boolean;
  mobileExtra?: string;
}) {
  const { t } = useTranslation();
  const rules = useIdentityRules();
  return (
    <>
      <Form.Item
        name="guardianName"
        label={t('beneficiaries.guardianName')}
        rules={[
          { required, whitespace: true, message: t('beneficiaries.guardianNameRequired') },
          { max: 50, message: t('registerWorker.nameLength') },
        ]}
      >
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="guardianRelation"
        label={t('beneficiaries.guardianRelation')}
        rules={[{ required, message: t('beneficiaries.guardianRelationRequired') }]}
      >
        <Select
          allowClear={!required}
          options={GUARDIAN_RELATIONS.map((v) => ({ value: v, label: t(`beneficiaries.guardianRelations.${v}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="guardianMobile"
        label={t('beneficiaries.guardianMobile')}
        extra={mobileExtra}
        rules={[
          ...(mobileRequired ? [{ required: true, message: t('beneficiaries.guardianMobileRequired') }] : []),
          ...rules.mobile,
        ]}
      >
        <Input maxLength={20} autoComplete="off" inputMode="tel" />
      </Form.Item>
    </>
  );
}
