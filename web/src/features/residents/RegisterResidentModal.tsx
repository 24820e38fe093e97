import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CreateResidentBody, createResident, queryKeys, type Resident } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { type DivisionNode, inScope, useDivisions } from '../divisions/divisions';
import { mobileForServer, useIdentityRules } from '../registry/identityRules';
import { useTerms } from '../registry/useTerms';

interface Values {
  name: string;
  idNumber: string;
  mobile?: string;
  divisionCode: string;
  latitude?: number | null;
  longitude?: number | null;
  skills?: string[];
  isVolunteer: boolean;
  contactConsent: boolean;
  notes?: string;
}

interface Duplicate {
  message: string;
  existingId?: string;
}

const FIELD_MAP = {
  name: ['name'],
  idNumber: ['idNumber'],
  mobile: ['mobile'],
  divisionCode: ['divisionCode'],
  latitude: ['latitude'],
  longitude: ['longitude'],
  skills: ['skills'],
  isVolunteer: ['isVolunteer'],
  contactConsent: ['contactConsent'],
  notes: ['notes'],
};

interface CommunityNode {
  value: string;
  title: string;
  selectable: boolean;
  disabled?: boolean;
  children?: CommunityNode[];
}

/** Division tree where only communities (within the caller's scope) can be picked; empty branches are dropped. */
function communityTree(nodes: DivisionNode[], prefixes: readonly string[] | null): CommunityNode[] {
  const out: CommunityNode[] = [];
  for (const n of nodes) {
    const isCommunity = n.division.level === 'community';
    const allowed = isCommunity && (prefixes === null || inScope(n.division.code, prefixes));
    const children = communityTree(n.children, prefixes);
    if (!allowed && children.length === 0) continue;
    out.push({
      value: n.division.code,
      title: `${n.division.name}（${n.division.code}）`,
      selectable: allowed,
      children: children.length > 0 ? children : undefined,
    });
  }
  return out;
}

/** 登记居民/志愿者: identifiers are checked here for early hints; the server decides. */
export function RegisterResidentModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (resident: Resident) => void;
}) {
  const { t } = useTranslation();
  const rules = useIdentityRules();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const divisions = useDivisions();
  const skills = useTerms('skill');
  const isAdmin = me.roles.includes('bureau_admin');
  const prefixes = isAdmin ? null : me.scope.divisionPrefixes;
  const treeData = useMemo(
    () => (divisions.data ? communityTree(divisions.data.roots, prefixes) : []),
    [divisions.data, prefixes],
  );
  const ownCommunities = me.memberships.filter((m) => m.role === 'community_staff').map((m) => m.divisionCode);
  const isVolunteer = Form.useWatch('isVolunteer', form);

  const reset = () => {
    form.resetFields();
    setErrors(null);
    setDuplicate(null);
  };

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const mobile = mobileForServer(values.mobile);
      const body: CreateResidentBody = {
        name: values.name.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        mobile,
        divisionCode: values.divisionCode,
        latitude: values.latitude ?? undefined,
        longitude: values.longitude ?? undefined,
        skills: values.skills ?? [],
        isVolunteer: values.isVolunteer,
        contactConsent: values.contactConsent,
        notes: values.notes?.trim() ?? '',
      };
      return createResident(body);
    },
    onSuccess: (resident) => {
      message.success(
        resident.volunteerNo
          ? t('registerResident.createdVolunteer', { no: resident.volunteerNo })
          : t('registerResident.created'),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.residents });
      reset();
      onCreated(resident);
    },
    onError: (error) => {
      setDuplicate(null);
      if (isApiError(error) && error.code === 'resident.duplicate') {
        const existingId = (error.details as { existingId?: unknown } | null | undefined)?.existingId;
        setDuplicate({ message: error.message, existingId: typeof existingId === 'string' ? existingId : undefined });
        form.setFields([{ name: 'idNumber', errors: [t('registerResident.duplicateField')] }]);
        setErrors(null);
        return;
      }
      if (isApiError(error) && (error.code === 'organization.out_of_scope' || error.code === 'division.unknown')) {
        form.setFields([{ name: 'divisionCode', errors: [error.message] }]);
      }
      setErrors(applyServerErrors(form, error, FIELD_MAP));
    },
  });

  const close = () => {
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('registerResident.title')}
      okText={t('registerResident.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      width={720}
      destroyOnHidden
    >
      <FormErrorAlert messages={errors} />
      {duplicate ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          title={duplicate.message}
          description={
            duplicate.existingId ? (
              <>
                {t('registerResident.existingId')}{' '}
                <Typography.Text code copyable>
                  {duplicate.existingId}
                </Typography.Text>
              </>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        name="register-resident"
        layout="vertical"
        initialValues={{
          isVolunteer: true,
          contactConsent: false,
          skills: [],
          divisionCode: ownCommunities.length === 1 ? ownCommunities[0] : undefined,
        }}
        onFinish={(values) => mutation.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('idNumber' in changed) setDuplicate(null);
        }}
        className="sg-form-grid"
      >
        <Form.Item
          name="name"
          label={t('residents.name')}
          rules={[
            { required: true, whitespace: true, message: t('registerWorker.nameRequired') },
            { max: 50, message: t('registerWorker.nameLength') },
          ]}
        >
          <Input maxLength={50} autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('residents.idNumberFull')}
          extra={t('registerResident.idNumberHint')}
          validateFirst
          rules={rules.idNumber}
        >
          <Input maxLength={18} autoComplete="off" spellCheck={false} className="sg-mono-input" />
        </Form.Item>
        <Form.Item name="mobile" label={t('residents.mobileFull')} rules={rules.mobile}>
          <Input maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('residents.community')}
          rules={[{ required: true, message: t('registerResident.communityRequired') }]}
        >
          <TreeSelect
            treeData={treeData}
            loading={divisions.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll={!isAdmin}
            placeholder={t('registerResident.communityPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="skills"
          label={t('residents.skills')}
          className="sg-form-grid-full"
          rules={[{ type: 'array', max: 20, message: t('registerResident.max20') }]}
        >
          <Select
            mode="multiple"
            allowClear
            options={skills.options}
            loading={skills.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="latitude" label={t('registerResident.latitude')}>
          <InputNumber className="sg-full-width" min={-90} max={90} step={0.000001} />
        </Form.Item>
        <Form.Item name="longitude" label={t('registerResident.longitude')}>
          <InputNumber className="sg-full-width" min={-180} max={180} step={0.000001} />
        </Form.Item>
        <Form.Item
          name="isVolunteer"
          label={t('registerResident.isVolunteer')}
          valuePropName="checked"
          extra={isVolunteer ? t('registerResident.volunteerHint') : undefined}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="contactConsent"
          label={t('registerResident.contactConsent')}
          valuePropName="checked"
          extra={t('registerResident.consentHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="notes"
          label={t('workerDetail.notes')}
          className="sg-form-grid-full"
          rules={[{ max: 1000, message: t('workerDetail.notesLength') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
