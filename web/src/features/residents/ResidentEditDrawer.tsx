import { useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Form, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys, type Resident, type UpdateResidentBody, updateResident } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { useIsMobile } from '../../components/useMediaQuery';
import { sameList, useVersionedSave } from '../../components/useVersionedSave';
import { CoordinateItems, MobileItem, NotesItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { RESIDENT_FIELD_MAP, residentKeeperPrefixes } from './residentBits';
import { CommunityItem, SkillsItem, VolunteerConsentItems } from './residentFormItems';

interface Values {
  name: string;
  mobile?: string;
  divisionCode: string;
  latitude?: number | null;
  longitude?: number | null;
  skills: string[];
  isVolunteer: boolean;
  contactConsent: boolean;
  notes?: string;
}

/** Only what changed goes to the server (the audit log lists the changed fields), always with the version read. */
function changes(resident: Resident, values: Values): UpdateResidentBody {
  const body: UpdateResidentBody = { version: resident.version };
  const name = values.name.trim();
  if (name !== resident.name) body.name = name;
  // An empty mobile field means "keep the number on file"; the full number is never loaded into the form.
  const mobile = mobileForServer(values.mobile);
  if (mobile) body.mobile = mobile;
  if (values.divisionCode !== resident.divisionCode) body.divisionCode = values.divisionCode;
  const latitude = values.latitude ?? null;
  if (latitude !== resident.latitude) body.latitude = latitude;
  const longitude = values.longitude ?? null;
  if (longitude !== resident.longitude) body.longitude = longitude;
  if (!sameList(values.skills, resident.skills)) body.skills = values.skills;
  if (values.isVolunteer !== resident.isVolunteer) body.isVolunteer = values.isVolunteer;
  if (values.contactConsent !== resident.contactConsent) body.contactConsent = values.contactConsent;
  const notes = values.notes ?? '';
  if (notes !== resident.notes) body.notes = notes;
  return body;
}

/**
 * The form itself, mounted per record version: after "reload" the new version remounts it with fresh values and
 * without the stale-version warning.
 */
function ResidentEditForm({
  resident,
  onSaved,
  onCancel,
  onReload,
}: {
  resident: Resident;
  onSaved: (next: Resident) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const prefixes = useMemo(() => residentKeeperPrefixes(me), [me]);
  const isVolunteer = Form.useWatch('isVolunteer', form);
  const contactConsent = Form.useWatch('contactConsent', form);
  const save = useVersionedSave({
    form,
    changes: (values: Values) => changes(resident, values),
    save: (body: UpdateResidentBody) => updateResident(resident.id, body),
    onSaved,
    fieldMap: RESIDENT_FIELD_MAP,
    codeFields: { 'organization.out_of_scope': 'divisionCode', 'division.unknown': 'divisionCode' },
  });

  return (
    <>
      <StaleVersionAlert
        message={save.stale}
        onReload={onReload}
        description={t('residentDetail.staleHint')}
        testId="resident-stale"
      />
      <FormErrorAlert messages={save.errors} />
      <Form<Values>
        form={form}
        name="resident-edit"
        layout="vertical"
        initialValues={{
          name: resident.name,
          mobile: '',
          divisionCode: resident.divisionCode,
          latitude: resident.latitude,
          longitude: resident.longitude,
          skills: resident.skills,
          isVolunteer: resident.isVolunteer,
          contactConsent: resident.contactConsent,
          notes: resident.notes,
        }}
        onFinish={save.submit}
        className="sg-form-grid"
      >
        <PersonNameItem label={t('residents.name')} />
        <MobileItem
          label={t('residents.mobileFull')}
          extra={
            resident.mobileMasked
              ? t('residentDetail.newMobileHint', { masked: resident.mobileMasked })
              : t('residentDetail.newMobileHintNone')
          }
        />
        <CommunityItem prefixes={prefixes} className="sg-form-grid-full" expandedKeys={[resident.divisionCode]} />
        <SkillsItem />
        <CoordinateItems
          latitudeLabel={t('registerResident.latitude')}
          longitudeLabel={t('registerResident.longitude')}
          step={0.001}
          hint={t('residentDetail.locationHint')}
        />
        <VolunteerConsentItems
          volunteerHint={
            resident.isVolunteer && isVolunteer === false && resident.volunteerNo
              ? t('residentDetail.volunteerOffHint', { no: resident.volunteerNo })
              : !resident.isVolunteer && isVolunteer
                ? t('registerResident.volunteerHint')
                : undefined
          }
          consentHint={
            contactConsent !== undefined && contactConsent !== resident.contactConsent
              ? t('residentDetail.consentChangeHint')
              : t('registerResident.consentHint')
          }
        />
        <NotesItem label={t('residentDetail.notes')} rows={4} />
        <Space className="sg-form-grid-full" wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.saving}
            disabled={!!save.stale}
            data-testid="resident-save"
          >
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** 编辑居民信息: a drawer (full width on phones) with the record's editable fields; PATCH with the version read. */
export function ResidentEditDrawer({
  resident,
  open,
  onClose,
  onReload,
}: {
  resident: Resident;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();

  const saved = (next: Resident) => {
    queryClient.setQueryData(queryKeys.resident(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.residents,
      predicate: (q) => q.queryKey[1] !== 'detail',
    });
    onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('residentDetail.editTitle', { name: resident.name })}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
    >
      <ResidentEditForm
        key={resident.version}
        resident={resident}
        onSaved={saved}
        onCancel={onClose}
        onReload={onReload}
      />
    </Drawer>
  );
}
