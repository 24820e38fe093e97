import { LoadingOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Form, type FormInstance, type FormProps, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from './FormErrorAlert';
import { applyServerErrors, type FieldPath } from './serverErrors';

/**
 * A modal holding one form that sends one request. The server's messages show above the form (issues about a field
 * under that field); cancelling resets the form, and the modal closes itself once the server has said yes.
 */
export function FormModal<Values, Result>({
  open,
  onClose,
  title,
  okText,
  danger,
  name,
  form: givenForm,
  initialValues,
  intro,
  submit,
  onSuccess,
  fieldMap,
  explainError,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  okText: string;
  /** A red OK button, for a step that cannot be taken back. */
  danger?: boolean;
  /** The form's name; antd derives the fields' ids from it (`end-employment_reason`). */
  name: string;
  /** The caller's form instance, when it watches a field. */
  form?: FormInstance<Values>;
  initialValues?: FormProps<Values>['initialValues'];
  /** Shown above the server's messages (an introduction, a warning). */
  intro?: ReactNode;
  submit: (values: Values) => Promise<Result>;
  /** After the server has said yes (the modal is closed by then). */
  onSuccess: (result: Result) => void;
  /** The server's issue fields (without `body.`) → this form's fields. */
  fieldMap: Record<string, FieldPath>;
  /** Messages for an error that concerns no field (e.g. a stale version), or null to map it onto the form. */
  explainError?: (error: unknown) => string[] | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>(givenForm);
  const [errors, setErrors] = useState<string[] | null>(null);

  const close = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };

  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      close();
      onSuccess(result);
    },
    onError: (error) => setErrors(explainError?.(error) ?? applyServerErrors(form, error, fieldMap)),
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      // The spinner given as the loading icon: antd's own one enters with a motion that, when the server answers
      // within it (an error in a few ms), can be left spinning after loading has ended.
      okButtonProps={{ danger, loading: mutation.isPending && { icon: <LoadingOutlined /> } }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {intro}
      <FormErrorAlert messages={errors} />
      <Form<Values>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setErrors(null);
          mutation.mutate(values);
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
