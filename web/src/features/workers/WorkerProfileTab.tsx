import { Button, Descriptions, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Availability, type UpdateWorkerBody, updateWorker, type WorkerDetail } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatDateTime } from '../../components/format';
import { StaleVersionAlert } from '../../components/StaleVersionAlert';
import { sameNamedFields } from '../../components/serverErrors';
import { sameList, useVersionedSave } from '../../components/useVersionedSave';
import { MobileItem, NotesItem, PersonNameItem } from '../registry/formItems';
import { mobileForServer } from '../registry/identityRules';
import { useWorkerUpdated } from './useWorkerUpdated';
import { WorkerPhoto } from './WorkerPhoto';
import { AvailabilityTag, termItems } from './workerBits';
import { WorkerProfileItems } from './workerFormItems';

interface Values {
  name: string;
  mobile?: string;
  divisionCode?: string | null;
  specialties: string[];
  languages: string[];
  availability: Availability;
  notes?: string;
}

const FIELD_MAP = sameNamedFields(
  'name',
  'mobile',
  'divisionCode',
  'specialties',
  'languages',
  'availability',
  'notes',
);

/** Only what changed goes to the server (the audit log lists the changed fields). */
function changes(worker: WorkerDetail, values: Values): UpdateWorkerBody {
  const body: UpdateWorkerBody = { version: worker.version };
  const name = values.name.trim();
  if (name !== worker.name) body.name = name;
  const mobile = values.mobile?.trim();
  if (mobile) body.mobile = mobileForServer(mobile);
  const divisionCode = values.divisionCode || null;
  if (divisionCode !== worker.divisionCode) body.divisionCode = divisionCode;
  if (!sameList(values.specialties, worker.specialties)) body.specialties = values.specialties;
  if (!sameList(values.languages, worker.languages)) body.languages = values.languages;
  if (values.availability !== worker.availability) body.availability = values.availability;
  const notes = values.notes ?? '';
  if (notes !== worker.notes) body.notes = notes;
  return body;
}

/** 基本资料: an edit form for those who may edit, otherwise the same fields read-only. */
export function WorkerProfileTab({
  worker,
  canEdit,
  onReload,
}: {
  worker: WorkerDetail;
  canEdit: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const updated = useWorkerUpdated();
  const save = useVersionedSave({
    form,
    changes: (values: Values) => changes(worker, values),
    save: (body: UpdateWorkerBody) => updateWorker(worker.id, body),
    onSaved: updated,
    fieldMap: FIELD_MAP,
    codeFields: { 'division.unknown': 'divisionCode' },
  });

  if (!canEdit) {
    return (
      <>
        <WorkerPhoto worker={worker} canEdit={false} />
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'name', label: t('workers.name'), children: worker.name },
            { key: 'division', label: t('workers.division'), children: worker.divisionName ?? t('common.empty') },
            {
              key: 'availability',
              label: t('workers.availability'),
              children: <AvailabilityTag availability={worker.availability} />,
            },
            ...termItems(worker, t),
            {
              key: 'notes',
              label: t('workerDetail.notes'),
              children: worker.notes ? <span className="sg-pre-line">{worker.notes}</span> : t('common.empty'),
            },
            { key: 'updatedAt', label: t('workerDetail.updatedAt'), children: formatDateTime(worker.updatedAt) },
          ]}
        />
      </>
    );
  }

  return (
    <>
      <WorkerPhoto worker={worker} canEdit />
      <StaleVersionAlert message={save.stale} onReload={onReload} />
      <FormErrorAlert messages={save.errors} />
      <Form<Values>
        form={form}
        name="worker-profile"
        layout="vertical"
        className="sg-form-grid sg-form-narrow"
        initialValues={{
          name: worker.name,
          mobile: '',
          divisionCode: worker.divisionCode ?? undefined,
          specialties: worker.specialties,
          languages: worker.languages,
          availability: worker.availability,
          notes: worker.notes,
        }}
        onFinish={save.submit}
      >
        <PersonNameItem label={t('workers.name')} />
        <MobileItem
          label={t('workerDetail.newMobile')}
          extra={
            worker.mobileMasked
              ? t('workerDetail.newMobileHint', { masked: worker.mobileMasked })
              : t('workerDetail.newMobileHintNone')
          }
        />
        <WorkerProfileItems />
        <NotesItem label={t('workerDetail.notes')} rows={3} />
        <Space className="sg-form-grid-full">
          <Button type="primary" htmlType="submit" loading={save.saving} disabled={!!save.stale}>
            {t('common.save')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              save.clearErrors();
            }}
          >
            {t('common.undoChanges')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
