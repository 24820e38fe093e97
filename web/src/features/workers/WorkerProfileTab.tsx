import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, Select, Space, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Availability, type UpdateWorkerBody, updateWorker, type WorkerDetail } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { toTreeSelectData, useDivisions } from '../divisions/divisions';
import { mobileForServer, useIdentityRules } from '../registry/identityRules';
import { useTerms } from '../registry/useTerms';
import { useWorkerUpdated } from './useWorkerUpdated';
import { AVAILABILITIES, AvailabilityTag } from './workerBits';

interface Values {
  name: string;
  mobile?: string;
  divisionCode?: string | null;
  specialties: string[];
  languages: string[];
  availability: Availability;
  notes?: string;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

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

function TermTags({ codes, name }: { codes: string[]; name: (code: string) => string }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <>{t('common.empty')}</>;
  return (
    <span className="sg-tags">
      {codes.map((c) => (
        <Tag key={c}>{name(c)}</Tag>
      ))}
    </span>
  );
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
  const rules = useIdentityRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const divisions = useDivisions();
  const specialties = useTerms('specialty');
  const languages = useTerms('language');
  const treeData = useMemo(() => (divisions.data ? toTreeSelectData(divisions.data.roots) : []), [divisions.data]);
  const updated = useWorkerUpdated();

  const mutation = useMutation({
    mutationFn: (body: UpdateWorkerBody) => updateWorker(worker.id, body),
    onSuccess: (next) => {
      message.success(t('common.saved'));
      setErrors(null);
      updated(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'conflict.stale_version') {
        setStale(error.message);
        setErrors(null);
        return;
      }
      if (isApiError(error) && error.code === 'division.unknown') {
        form.setFields([{ name: 'divisionCode', errors: [error.message] }]);
      }
      setErrors(
        applyServerErrors(form, error, {
          name: ['name'],
          mobile: ['mobile'],
          divisionCode: ['divisionCode'],
          specialties: ['specialties'],
          languages: ['languages'],
          availability: ['availability'],
          notes: ['notes'],
        }),
      );
    },
  });

  if (!canEdit) {
    return (
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
          {
            key: 'specialties',
            label: t('workers.specialty'),
            children: <TermTags codes={worker.specialties} name={specialties.name} />,
          },
          {
            key: 'languages',
            label: t('workers.language'),
            children: <TermTags codes={worker.languages} name={languages.name} />,
          },
          {
            key: 'notes',
            label: t('workerDetail.notes'),
            children: worker.notes ? <span className="sg-pre-line">{worker.notes}</span> : t('common.empty'),
          },
          { key: 'updatedAt', label: t('workerDetail.updatedAt'), children: formatDateTime(worker.updatedAt) },
        ]}
      />
    );
  }

  const submit = (values: Values) => {
    const body = changes(worker, values);
    if (Object.keys(body).length === 1) {
      message.info(t('common.noChanges'));
      return;
    }
    setErrors(null);
    mutation.mutate(body);
  };

  return (
    <>
      {stale ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="sg-form-alert"
          title={stale}
          action={
            <Button size="small" onClick={onReload}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <FormErrorAlert messages={errors} />
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
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('workers.name')}
          rules={[
            { required: true, whitespace: true, message: t('registerWorker.nameRequired') },
            { max: 50, message: t('registerWorker.nameLength') },
          ]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('workerDetail.newMobile')}
          extra={
            worker.mobileMasked
              ? t('workerDetail.newMobileHint', { masked: worker.mobileMasked })
              : t('workerDetail.newMobileHintNone')
          }
          rules={rules.mobile}
        >
          <Input maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('workers.division')}>
          <TreeSelect
            treeData={treeData}
            allowClear
            loading={divisions.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={divisions.data?.roots.map((r) => r.division.code)}
            placeholder={t('registerWorker.divisionPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="availability" label={t('workers.availability')} rules={[{ required: true }]}>
          <Select options={AVAILABILITIES.map((a) => ({ value: a, label: t(`availability.${a}`) }))} />
        </Form.Item>
        <Form.Item
          name="specialties"
          label={t('workers.specialty')}
          rules={[{ type: 'array', max: 10, message: t('registerWorker.max10') }]}
        >
          <Select
            mode="multiple"
            allowClear
            options={specialties.options}
            loading={specialties.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="languages"
          label={t('workers.language')}
          rules={[{ type: 'array', max: 10, message: t('registerWorker.max10') }]}
        >
          <Select
            mode="multiple"
            allowClear
            options={languages.options}
            loading={languages.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="notes"
          label={t('workerDetail.notes')}
          className="sg-form-grid-full"
          rules={[{ max: 1000, message: t('workerDetail.notesLength') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Space className="sg-form-grid-full">
          <Button type="primary" htmlType="submit" loading={mutation.isPending} disabled={!!stale}>
            {t('common.save')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setErrors(null);
            }}
          >
            {t('common.undoChanges')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
