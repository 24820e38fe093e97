import { Form, Switch, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDivisions } from '../divisions/divisions';
import { TermsItem } from '../registry/formItems';
import { communityTree } from './residentBits';

/** 所属社区 (`divisionCode`): only communities under `prefixes` (any when null) can be picked. */
export function CommunityItem({
  prefixes,
  className,
  expandAll,
  expandedKeys,
}: {
  prefixes: readonly string[] | null;
  className?: string;
  /** Open the whole tree (a user with a few communities sees them at once). */
  expandAll?: boolean;
  expandedKeys?: string[];
}) {
  const { t } = useTranslation();
  const divisions = useDivisions();
  const treeData = useMemo(
    () => (divisions.data ? communityTree(divisions.data.roots, prefixes) : []),
    [divisions.data, prefixes],
  );
  return (
    <Form.Item
      name="divisionCode"
      label={t('residents.community')}
      className={className}
      rules={[{ required: true, message: t('registerResident.communityRequired') }]}
    >
      <TreeSelect
        treeData={treeData}
        loading={divisions.isPending}
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandAll={expandAll}
        treeDefaultExpandedKeys={expandedKeys}
        placeholder={t('registerResident.communityPlaceholder')}
      />
    </Form.Item>
  );
}

/** A resident's 技能, up to 20. */
export function SkillsItem() {
  const { t } = useTranslation();
  return (
    <TermsItem
      scheme="skill"
      name="skills"
      label={t('residents.skills')}
      className="sg-form-grid-full"
      max={20}
      maxMessage={t('registerResident.max20')}
    />
  );
}

/** The 登记为志愿者 and 同意被联系 switches; the hints under them depend on the form (register or edit). */
export function VolunteerConsentItems({ volunteerHint, consentHint }: { volunteerHint?: string; consentHint: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="isVolunteer"
        label={t('registerResident.isVolunteer')}
        valuePropName="checked"
        extra={volunteerHint}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="contactConsent"
        label={t('registerResident.contactConsent')}
        valuePropName="checked"
        extra={consentHint}
      >
        <Switch />
      </Form.Item>
    </>
  );
}
