import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type CreateResidentBody, createResident, queryKeys, type Resident } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { CoordinateItems, IdNumberItem, MobileItem, NotesItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { RESIDENT_FIELD_MAP } from './residentBits';
import { CommunityItem, SkillsItem, VolunteerConsentItems } from './residentFormItems';

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

const FIELD_MAP = { ...RESIDENT_FIELD_MAP, idNumber: ['idNumber'] };

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
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const isAdmin = me.roles.includes('bureau_admin');
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
                </Typography.Text>{' '}
                <Link to={`${navItem('residents').path}/${duplicate.existingId}`}>
                  {t('residentDetail.openExisting')}
                </Link>
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
        <PersonNameItem label={t('residents.name')} autoFocus />
        <IdNumberItem label={t('residents.idNumberFull')} extra={t('registerResident.idNumberHint')} />
        <MobileItem label={t('residents.mobileFull')} />
        <CommunityItem prefixes={isAdmin ? null : me.scope.divisionPrefixes} expandAll={!isAdmin} />
        <SkillsItem />
        <CoordinateItems
          latitudeLabel={t('registerResident.latitude')}
          longitudeLabel={t('registerResident.longitude')}
          step={0.000001}
        />
        <VolunteerConsentItems
          volunteerHint={isVolunteer ? t('registerResident.volunteerHint') : undefined}
          consentHint={t('registerResident.consentHint')}
        />
        <NotesItem label={t('workerDetail.notes')} rows={2} />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
