import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { hireWorker, type WorkerDetail } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors, sameNamedFields } from '../../components/serverErrors';
import { fromDay, isAfterToday, todayAsDay, useDayjsLocale } from '../registry/dates';
import { IdNumberItem } from '../registry/formItems';
import { useWorkerUpdated } from './useWorkerUpdated';
import { AgencyItem, EmploymentStartItems } from './workerFormItems';

interface Values {
  idNumber: string;
  agencyId?: string;
  role: string;
  startedOn: Dayjs;
}

const FIELD_MAP = sameNamedFields('idNumber', 'agencyId', 'role', 'startedOn');

/**
 * 聘用已登记社工: an agency takes on a worker who is already in the registry (a worker who changed jobs), found by
 * 身份证号. Someone not yet registered is pointed to 登记社工 instead.
 */
export function HireWorkerModal({
  open,
  onClose,
  onHired,
  onRegisterInstead,
}: {
  open: boolean;
  onClose: () => void;
  onHired: (worker: WorkerDetail) => void;
  onRegisterInstead?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useWorkerUpdated();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [notRegistered, setNotRegistered] = useState<string | null>(null);
  useDayjsLocale();

  const reset = () => {
    form.resetFields();
    setErrors(null);
    setNotRegistered(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      hireWorker({
        idNumber: values.idNumber.trim().toUpperCase(),
        role: values.role.trim(),
        startedOn: fromDay(values.startedOn) ?? '',
        agencyId: values.agencyId || undefined,
      }),
    onSuccess: (worker) => {
      message.success(t('employment.hire.done', { name: worker.name }));
      updated(worker);
      reset();
      onHired(worker);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'worker.not_registered') {
        setErrors(null);
        setNotRegistered(error.message);
        return;
      }
      setErrors(applyServerErrors(form, error, FIELD_MAP));
    },
  });

  return (
    <Modal
      open={open}
      title={t('employment.hire.title')}
      okText={t('employment.hire.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <p>{t('employment.hire.intro')}</p>
      <FormErrorAlert messages={errors} />
      {notRegistered ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          title={notRegistered}
          action={
            onRegisterInstead ? (
              <Button
                size="small"
                onClick={() => {
                  reset();
                  onRegisterInstead();
                }}
              >
                {t('employment.hire.registerInstead')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        name="hire-worker"
        layout="vertical"
        initialValues={{
          role: t('employment.defaultRole'),
          startedOn: todayAsDay(),
        }}
        onFinish={(values) => {
          setErrors(null);
          setNotRegistered(null);
          mutation.mutate(values);
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('idNumber' in changed) setNotRegistered(null);
        }}
      >
        <IdNumberItem label={t('workerDetail.idNumber')} autoFocus />
        <AgencyItem label={t('employment.hire.agency')} requiredMessage={t('employment.hire.agencyRequired')} />
        <EmploymentStartItems
          startedOnLabel={t('employment.hire.startedOn')}
          startedOnRequired={t('employment.hire.startedOnRequired')}
          disabledDate={isAfterToday}
        />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
