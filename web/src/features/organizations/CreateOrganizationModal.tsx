import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../contracts/roles';
import { isApiError } from '../../api/client';
import { createOrganization, type Organization, queryKeys } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';

interface Values {
  name: string;
  kind: OrganizationKind;
  divisionCode: string;
  creditCode?: string;
}

/** Registered organizations carry a 统一社会信用代码 (GB 32100); the server checks the check character. */
const NEEDS_CREDIT_CODE: readonly OrganizationKind[] = ['agency', 'evaluator'];

export function CreateOrganizationModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (organization: Organization) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const kind = Form.useWatch('kind', form);

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createOrganization({
        ...values,
        name: values.name.trim(),
        creditCode: NEEDS_CREDIT_CODE.includes(values.kind) ? values.creditCode?.trim() : undefined,
      }),
    onSuccess: (organization) => {
      message.success(t('organizations.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
      form.resetFields();
      setErrors(null);
      onCreated(organization);
    },
    onError: (error) => {
      if (isApiError(error) && (error.code === 'division.unknown' || error.code === 'organization.out_of_scope')) {
        form.setFields([{ name: 'divisionCode', errors: [error.message] }]);
      }
      setErrors(
        applyServerErrors(form, error, {
          name: ['name'],
          kind: ['kind'],
          divisionCode: ['divisionCode'],
          creditCode: ['creditCode'],
        }),
      );
    },
  });

  const close = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('organizations.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <FormErrorAlert messages={errors} />
      <Form<Values>
        form={form}
        name="create-organization"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('organizations.name')}
          rules={[
            { required: true, whitespace: true, message: t('organizations.nameRequired') },
            { min: 2, max: 100, message: t('organizations.nameLength') },
          ]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('organizations.kind')}
          rules={[{ required: true, message: t('organizations.kindRequired') }]}
        >
          <Select options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))} />
        </Form.Item>
        {kind && NEEDS_CREDIT_CODE.includes(kind) ? (
          <Form.Item
            name="creditCode"
            label={t('organizations.creditCode')}
            rules={[
              { required: true, whitespace: true, message: t('organizations.creditCodeRequired') },
              { len: 18, message: t('organizations.creditCodeLength') },
            ]}
          >
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="divisionCode"
          label={t('organizations.division')}
          rules={[{ required: true, message: t('organizations.divisionRequired') }]}
        >
          <DivisionTreeSelect placeholder={t('organizations.divisionPlaceholder')} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
