import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Table, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addWorkerRegistration,
  verifyWorkerCredential,
  type WorkerDetail,
  type WorkerRegistration,
} from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { dayAfter, fromDay, registrationEnd, toDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { VerificationTag } from '../registry/VerificationTag';
import { VerifyModal } from '../registry/VerifyModal';
import { useWorkerUpdated } from './useWorkerUpdated';

function AddRegistrationModal({ worker, open, onClose }: { worker: WorkerDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ validFrom: Dayjs }>();
  const validFrom = fromDay(Form.useWatch('validFrom', form));
  const updated = useWorkerUpdated();
  const issuedOn = worker.credential?.issuedOn;
  useDayjsLocale();
  // A renewal usually starts the day after the latest period ends.
  const latestEnd = worker.registrations
    .filter((r) => r.status === 'active')
    .reduce<string | null>((max, r) => (max === null || r.validTo > max ? r.validTo : max), null);
  const suggested = latestEnd ? toDay(dayAfter(latestEnd)) : null;

  return (
    <FormModal<{ validFrom: Dayjs }, WorkerDetail>
      open={open}
      onClose={onClose}
      title={t('registrations.addTitle')}
      okText={t('registrations.add')}
      name="add-registration"
      form={form}
      initialValues={suggested ? { validFrom: suggested } : undefined}
      submit={(values) => addWorkerRegistration(worker.id, fromDay(values.validFrom) ?? '')}
      onSuccess={(next) => {
        message.success(t('registrations.added'));
        updated(next);
      }}
      // 409s (overlap, before the credential, no credential) concern the chosen date.
      fieldMap={{ validFrom: ['validFrom'] }}
    >
      <Form.Item
        name="validFrom"
        label={t('registrations.validFrom')}
        rules={[{ required: true, message: t('registrations.validFromRequired') }]}
        extra={
          validFrom
            ? t('registrations.periodHint', { from: validFrom, to: registrationEnd(validFrom) })
            : t('registrations.threeYears')
        }
      >
        <DatePicker
          className="sg-full-width"
          disabledDate={(day) => !!issuedOn && day.format('YYYY-MM-DD') < issuedOn}
        />
      </Form.Item>
    </FormModal>
  );
}

/** 证书与登记: the credential with its verification, and the 3-year registration periods. */
export function WorkerCredentialTab({
  worker,
  canVerify,
  canAddRegistration,
}: {
  worker: WorkerDetail;
  canVerify: boolean;
  canAddRegistration: boolean;
}) {
  const { t } = useTranslation();
  const [verifyOpen, setVerifyOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const updated = useWorkerUpdated();
  const { credential } = worker;
  const today = todayInShanghai();
  const registrations = [...worker.registrations].sort((a, b) => b.validFrom.localeCompare(a.validFrom));

  const addButton = canAddRegistration ? (
    <Tooltip title={credential ? undefined : t('registrations.needsCredential')}>
      <Button icon={<PlusOutlined />} disabled={!credential} onClick={() => setAddOpen(true)}>
        {t('registrations.add')}
      </Button>
    </Tooltip>
  ) : null;

  return (
    <div className="sg-stack">
      <Card
        size="small"
        title={<h2 className="sg-card-title">{t('credential.title')}</h2>}
        extra={
          canVerify && credential ? (
            <Button icon={<SafetyCertificateOutlined />} onClick={() => setVerifyOpen(true)}>
              {t('credential.verify')}
            </Button>
          ) : null
        }
      >
        {credential ? (
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              { key: 'level', label: t('workers.level'), children: t(`credentialLevels.${credential.level}`) },
              {
                key: 'certificateNo',
                label: t('credential.certificateNo'),
                children: <span className="sg-mono">{credential.certificateNo}</span>,
              },
              { key: 'issuedOn', label: t('credential.issuedOn'), children: credential.issuedOn },
              {
                key: 'verification',
                label: t('credential.verificationStatus'),
                children: <VerificationTag status={credential.verificationStatus} />,
              },
              {
                key: 'verifiedAt',
                label: t('credential.verifiedAt'),
                children: formatDateTime(credential.verifiedAt),
              },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credential.none')} />
        )}
      </Card>

      <Card size="small" title={<h2 className="sg-card-title">{t('registrations.title')}</h2>} extra={addButton}>
        <Table<WorkerRegistration>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={registrations}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('registrations.none') }}
          columns={[
            { title: t('registrations.validFrom'), dataIndex: 'validFrom', className: 'sg-nowrap' },
            { title: t('registrations.validTo'), dataIndex: 'validTo', className: 'sg-nowrap' },
            {
              title: t('registrations.status'),
              key: 'status',
              render: (_: unknown, r) => (
                <span className="sg-tags">
                  {r.status === 'revoked' ? (
                    <Tag>{t('registrations.revoked')}</Tag>
                  ) : r.validTo < today ? (
                    <Tag color="default">{t('registrations.ended')}</Tag>
                  ) : r.validFrom > today ? (
                    <Tag color="processing">{t('registrations.upcoming')}</Tag>
                  ) : (
                    <Tag color="success">{t('registrations.current')}</Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>

      {canVerify && credential ? (
        <VerifyModal
          open={verifyOpen}
          title={t('credential.verifyTitle')}
          description={t('credential.verifyDescription', {
            level: t(`credentialLevels.${credential.level}`),
            certificateNo: credential.certificateNo,
          })}
          onClose={() => setVerifyOpen(false)}
          onSubmit={async (body) => updated(await verifyWorkerCredential(worker.id, body))}
        />
      ) : null}
      {canAddRegistration ? (
        <AddRegistrationModal worker={worker} open={addOpen} onClose={() => setAddOpen(false)} />
      ) : null}
    </div>
  );
}
