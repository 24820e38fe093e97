import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { birthDateOf, genderOf, idNumberProblem } from '../../../../contracts/identifiers';
import { isApiError } from '../../api/client';
import {
  type Availability,
  type CreateWorkerBody,
  type CredentialLevel,
  createWorker,
  queryKeys,
  type WorkerDetail,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { fromDay, isAfterToday, useDayjsLocale } from '../registry/dates';
import { IdNumberItem, MobileItem, NotesItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { LEVELS } from './workerBits';
import { AgencyItem, WorkerProfileItems } from './workerFormItems';

interface Values {
  name: string;
  idNumber: string;
  mobile?: string;
  agencyId?: string;
  divisionCode?: string;
  specialties?: string[];
  languages?: string[];
  availability: Availability;
  notes?: string;
  hasCredential?: boolean;
  credential?: { level: CredentialLevel; certificateNo: string; issuedOn: Dayjs };
}

interface Duplicate {
  /** The server's (localized) message. */
  message: string;
  existingId?: string;
  existingName?: string;
}

const FIELD_MAP = {
  name: ['name'],
  idNumber: ['idNumber'],
  mobile: ['mobile'],
  agencyId: ['agencyId'],
  divisionCode: ['divisionCode'],
  specialties: ['specialties'],
  languages: ['languages'],
  availability: ['availability'],
  notes: ['notes'],
  'credential.level': ['credential', 'level'],
  'credential.certificateNo': ['credential', 'certificateNo'],
  'credential.issuedOn': ['credential', 'issuedOn'],
};

/** 登记社工: the ID number and mobile are checked here for early hints; the server decides. */
export function RegisterWorkerModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (worker: WorkerDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const idNumber = Form.useWatch('idNumber', form);
  const hasCredential = Form.useWatch('hasCredential', form);
  useDayjsLocale();

  const idSummary = useMemo(() => {
    if (!idNumber || idNumberProblem(idNumber) !== null) return null;
    const id = idNumber.trim().toUpperCase();
    return t('registerWorker.idSummary', {
      gender: t(`gender.${genderOf(id)}`),
      birthDate: birthDateOf(id)?.toISOString().slice(0, 10) ?? '',
    });
  }, [idNumber, t]);

  const reset = () => {
    form.resetFields();
    setErrors(null);
    setDuplicate(null);
  };

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const mobile = mobileForServer(values.mobile);
      const body: CreateWorkerBody = {
        name: values.name.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        mobile,
        agencyId: values.agencyId || undefined,
        divisionCode: values.divisionCode || undefined,
        specialties: values.specialties ?? [],
        languages: values.languages ?? [],
        availability: values.availability,
        notes: values.notes?.trim() ?? '',
        credential:
          values.hasCredential && values.credential
            ? {
                level: values.credential.level,
                certificateNo: values.credential.certificateNo.trim(),
                issuedOn: fromDay(values.credential.issuedOn) ?? '',
              }
            : undefined,
      };
      return createWorker(body);
    },
    onSuccess: (worker) => {
      message.success(t('registerWorker.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.workers });
      queryClient.setQueryData(queryKeys.worker(worker.id), worker);
      reset();
      onCreated(worker);
    },
    onError: (error) => {
      setDuplicate(null);
      if (isApiError(error) && error.code === 'worker.duplicate') {
        const details = (error.details ?? {}) as Omit<Duplicate, 'message'>;
        setDuplicate({ ...details, message: error.message });
        form.setFields([{ name: 'idNumber', errors: [t('registerWorker.duplicateField')] }]);
        setErrors(null);
        return;
      }
      if (isApiError(error) && error.code === 'division.unknown') {
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
      title={t('registerWorker.title')}
      okText={t('registerWorker.submit')}
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
              <Link to={`${navItem('workers').path}/${duplicate.existingId}`} onClick={close}>
                {t('registerWorker.openExisting', { name: duplicate.existingName ?? '' })}
              </Link>
            ) : (
              t('registerWorker.duplicateHidden')
            )
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        name="register-worker"
        layout="vertical"
        initialValues={{ availability: 'available', specialties: [], languages: [], hasCredential: false }}
        onFinish={(values) => mutation.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('idNumber' in changed) setDuplicate(null);
        }}
        className="sg-form-grid"
      >
        <PersonNameItem label={t('workers.name')} autoFocus />
        <IdNumberItem label={t('workerDetail.idNumber')} extra={idSummary ?? t('registerWorker.idNumberHint')} />
        <MobileItem label={t('workerDetail.mobile')} />
        <AgencyItem
          label={t('workers.agency')}
          requiredMessage={t('registerWorker.agencyRequired')}
          bureauHint={t('registerWorker.agencyHint')}
        />
        <WorkerProfileItems />
        <NotesItem label={t('workerDetail.notes')} rows={2} />
        <Form.Item name="hasCredential" valuePropName="checked" className="sg-form-grid-full">
          <Checkbox>{t('registerWorker.hasCredential')}</Checkbox>
        </Form.Item>
        {hasCredential ? (
          <>
            <Form.Item
              name={['credential', 'level']}
              label={t('workers.level')}
              rules={[{ required: true, message: t('registerWorker.levelRequired') }]}
            >
              <Select options={LEVELS.map((l) => ({ value: l, label: t(`credentialLevels.${l}`) }))} />
            </Form.Item>
            <Form.Item
              name={['credential', 'certificateNo']}
              label={t('credential.certificateNo')}
              rules={[
                { required: true, whitespace: true, message: t('registerWorker.certificateNoRequired') },
                { min: 4, max: 40, message: t('registerWorker.certificateNoLength') },
              ]}
            >
              <Input maxLength={40} autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item
              name={['credential', 'issuedOn']}
              label={t('credential.issuedOn')}
              rules={[{ required: true, message: t('registerWorker.issuedOnRequired') }]}
            >
              <DatePicker className="sg-full-width" disabledDate={isAfterToday} />
            </Form.Item>
          </>
        ) : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
