import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addCeRecord, type CeRecord, type ComplianceWarning, type WorkerDetail } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { sameNamedFields } from '../../components/serverErrors';
import { fromDay, isAfterToday, useDayjsLocale } from '../registry/dates';
import { useWorkerUpdated } from './useWorkerUpdated';
import { CeHours, formatHours } from './workerBits';

interface CeValues {
  course: string;
  provider: string;
  hours: number;
  completedOn: Dayjs;
  evidence?: string;
}

function AddCeRecordModal({ worker, open, onClose }: { worker: WorkerDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useWorkerUpdated();
  useDayjsLocale();

  return (
    <FormModal<CeValues, WorkerDetail>
      open={open}
      onClose={onClose}
      title={t('ce.addTitle')}
      okText={t('ce.add')}
      name="add-ce-record"
      submit={(values) =>
        addCeRecord(worker.id, {
          course: values.course.trim(),
          provider: values.provider.trim(),
          hours: values.hours,
          completedOn: fromDay(values.completedOn) ?? '',
          evidence: values.evidence?.trim() ?? '',
        })
      }
      onSuccess={(next) => {
        message.success(t('ce.added'));
        updated(next);
      }}
      fieldMap={sameNamedFields('course', 'provider', 'hours', 'completedOn', 'evidence')}
    >
      <Form.Item
        name="course"
        label={t('ce.course')}
        rules={[
          { required: true, whitespace: true, message: t('ce.courseRequired') },
          { max: 100, message: t('ce.textLength') },
        ]}
      >
        <Input maxLength={100} autoFocus />
      </Form.Item>
      <Form.Item
        name="provider"
        label={t('ce.provider')}
        rules={[
          { required: true, whitespace: true, message: t('ce.providerRequired') },
          { max: 100, message: t('ce.textLength') },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="hours"
        label={t('ce.hours')}
        extra={t('ce.hoursHint')}
        rules={[
          { required: true, message: t('ce.hoursRequired') },
          {
            validator: (_rule, value: number | null | undefined) =>
              value === null || value === undefined || (value > 0 && value <= 100 && Number.isInteger(value * 2))
                ? Promise.resolve()
                : Promise.reject(new Error(t('ce.hoursRule'))),
          },
        ]}
      >
        <InputNumber min={0.5} max={100} step={0.5} className="sg-full-width" />
      </Form.Item>
      <Form.Item
        name="completedOn"
        label={t('ce.completedOn')}
        rules={[{ required: true, message: t('ce.completedOnRequired') }]}
      >
        <DatePicker className="sg-full-width" disabledDate={isAfterToday} />
      </Form.Item>
      <Form.Item name="evidence" label={t('ce.evidence')} rules={[{ max: 500, message: t('ce.evidenceLength') }]}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('ce.evidencePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

const WARNING_TYPE: Record<ComplianceWarning, 'info' | 'warning' | 'error'> = {
  expires_in_90_days: 'warning',
  expires_in_30_days: 'error',
  expired: 'error',
  ce_shortfall: 'warning',
  no_registration: 'info',
};

export function ComplianceAlerts({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const c = worker.compliance;
  if (c.warnings.length === 0) return null;
  const values = {
    days: c.daysToExpiry ?? 0,
    date: c.periodTo ?? '',
    completed: formatHours(c.completedHours),
    required: formatHours(c.requiredHours),
  };
  return (
    <div className="sg-stack-tight">
      {c.warnings.map((w) => (
        <Alert key={w} type={WARNING_TYPE[w]} showIcon title={t(`ceWarnings.${w}`, values)} />
      ))}
    </div>
  );
}

/** 继续教育: hours in the current registration period against the requirement, warnings, and the records. */
export function WorkerCeTab({ worker, canAdd }: { worker: WorkerDetail; canAdd: boolean }) {
  const { t } = useTranslation();
  const [addOpen, setAddOpen] = useState(false);
  const c = worker.compliance;
  const inPeriod = (r: CeRecord) =>
    !!c.periodFrom && !!c.periodTo && r.completedOn >= c.periodFrom && r.completedOn <= c.periodTo;
  const records = [...worker.ceRecords].sort((a, b) => b.completedOn.localeCompare(a.completedOn));

  return (
    <div className="sg-stack">
      <Card size="small" title={<h2 className="sg-card-title">{t('ce.complianceTitle')}</h2>}>
        <div className="sg-stack-tight">
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              {
                key: 'period',
                label: t('ce.period'),
                children:
                  c.periodFrom && c.periodTo
                    ? t('ce.periodRange', { from: c.periodFrom, to: c.periodTo })
                    : t('ce.noPeriod'),
              },
              {
                key: 'state',
                label: t('ce.state'),
                children:
                  c.requiredHours <= 0 ? (
                    t('ce.noRequirement')
                  ) : c.compliant ? (
                    <Tag color="success">{t('complianceFilter.compliant')}</Tag>
                  ) : (
                    <Tag color="warning">{t('complianceFilter.shortfall')}</Tag>
                  ),
              },
            ]}
          />
          <CeHours compliance={c} wide />
          <ComplianceAlerts worker={worker} />
        </div>
      </Card>

      <Card
        size="small"
        title={<h2 className="sg-card-title">{t('ce.records')}</h2>}
        extra={
          canAdd ? (
            <Button icon={<PlusOutlined />} onClick={() => setAddOpen(true)}>
              {t('ce.add')}
            </Button>
          ) : null
        }
      >
        <Table<CeRecord>
          size="small"
          rowKey="id"
          dataSource={records}
          pagination={records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ce.none') }}
          columns={[
            {
              title: t('ce.completedOn'),
              dataIndex: 'completedOn',
              className: 'sg-nowrap',
              render: (on: string, r) => (
                <span className="sg-tags">
                  {on}
                  {inPeriod(r) ? <Tag color="blue">{t('ce.inPeriod')}</Tag> : null}
                </span>
              ),
            },
            { title: t('ce.course'), dataIndex: 'course' },
            { title: t('ce.provider'), dataIndex: 'provider' },
            {
              title: t('ce.hours'),
              dataIndex: 'hours',
              align: 'right',
              render: (h: number) => formatHours(h),
            },
            {
              title: t('ce.evidence'),
              dataIndex: 'evidence',
              render: (e: string) => e || t('common.empty'),
            },
            {
              title: t('ce.createdAt'),
              dataIndex: 'createdAt',
              className: 'sg-nowrap',
              render: (at: string) => formatDateTime(at),
            },
          ]}
        />
      </Card>
      {canAdd ? <AddCeRecordModal worker={worker} open={addOpen} onClose={() => setAddOpen(false)} /> : null}
    </div>
  );
}
