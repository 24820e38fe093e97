import { CameraOutlined, CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES, type PhotoContentType } from '../../../../contracts/photos';
import { isApiError } from '../../api/client';
import {
  addServiceRecordPhoto,
  getServiceRecord,
  queryKeys,
  type ServiceRecordView,
  serviceRecordPhotoUrl,
  voidServiceRecord,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormModal } from '../../components/FormModal';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { sameNamedFields } from '../../components/serverErrors';
import {
  activityPath,
  BeneficiarySelect,
  CompleteRecordDrawer,
  groupPath,
  RecordKindTag,
  RecordStatusTag,
  useDeliveryChanged,
  useDrawerWidth,
} from './deliveryBits';

const isPhotoType = (type: string): type is PhotoContentType =>
  (PHOTO_CONTENT_TYPES as readonly string[]).includes(type);

/** 作废: the record stays on file with the reason, and what it counted is taken back. */
function VoidModal({ record, open, onClose }: { record: ServiceRecordView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useDeliveryChanged();
  return (
    <FormModal<{ reason: string }, ServiceRecordView>
      open={open}
      onClose={onClose}
      title={t('delivery.void.title', { subject: record.subject })}
      okText={t('delivery.void.submit')}
      danger
      name="void-record"
      intro={
        <Typography.Paragraph type="secondary">
          {record.status === 'completed' ? t('delivery.void.introCompleted') : t('delivery.void.introScheduled')}
        </Typography.Paragraph>
      }
      submit={(v) => voidServiceRecord(record.id, { reason: v.reason.trim(), version: record.version })}
      onSuccess={(voided) => {
        changed(voided.projectId);
        message.success(t('delivery.void.done'));
      }}
      fieldMap={sameNamedFields('reason')}
    >
      <Form.Item
        name="reason"
        label={t('delivery.void.reason')}
        rules={[
          { required: true, whitespace: true, message: t('delivery.void.reasonRequired') },
          { max: 500, message: t('delivery.form.max', { n: 500 }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 上传照片: who is recognisable in it is chosen first (the attendees, or anyone for a visit); the server refuses the
 * photo when one of them has not consented to photos, and its message says so.
 */
function PhotoUpload({ record }: { record: ServiceRecordView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useDeliveryChanged();
  const [pictured, setPictured] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const attendees = record.attendees.filter((a): a is typeof a & { beneficiaryId: string } => a.beneficiaryId !== null);
  const upload = useMutation({
    mutationFn: ({ file, type }: { file: File; type: PhotoContentType }) =>
      addServiceRecordPhoto(record.id, file, type, file.name, pictured),
    onSuccess: () => {
      setRefusal(null);
      setPictured([]);
      changed();
      message.success(t('delivery.photos.uploaded'));
    },
    onError: (error) => setRefusal(isApiError(error) || error instanceof Error ? error.message : String(error)),
  });

  /** Checked here for a quick answer; the server checks the type against the file's bytes and the size again. */
  const beforeUpload = (file: File) => {
    if (!isPhotoType(file.type)) setRefusal(t('delivery.photos.wrongType'));
    else if (file.size > PHOTO_MAX_BYTES) setRefusal(t('delivery.photos.tooLarge'));
    else {
      setRefusal(null);
      upload.mutate({ file, type: file.type });
    }
    // The upload is ours (raw body through the API client), never antd's own request.
    return Upload.LIST_IGNORE;
  };

  return (
    <div className="sg-stack-tight" data-testid="photo-upload">
      <label htmlFor={`pictured-${record.id}`} className="sg-delivery-label">
        {t('delivery.photos.pictured')}
      </label>
      {record.kind === 'visit' || attendees.length === 0 ? (
        <BeneficiarySelect
          id={`pictured-${record.id}`}
          mode="multiple"
          value={pictured}
          onChange={setPictured}
          placeholder={t('delivery.photos.picturedSearch')}
          data-testid="photo-pictured"
        />
      ) : (
        <Select
          id={`pictured-${record.id}`}
          mode="multiple"
          allowClear
          value={pictured}
          onChange={setPictured}
          placeholder={t('delivery.photos.picturedNone')}
          options={attendees.map((a) => ({ value: a.beneficiaryId, label: a.name }))}
          data-testid="photo-pictured"
        />
      )}
      <Typography.Text type="secondary">{t('delivery.photos.hint')}</Typography.Text>
      {refusal ? <Alert type="error" showIcon role="alert" title={refusal} data-testid="photo-error" /> : null}
      <Upload accept={PHOTO_CONTENT_TYPES.join(',')} showUploadList={false} beforeUpload={beforeUpload}>
        <Button icon={<CameraOutlined />} loading={upload.isPending} data-testid="photo-add">
          {t('delivery.photos.add')}
        </Button>
      </Upload>
    </div>
  );
}

function RecordDetail({ record: r }: { record: ServiceRecordView }) {
  const { t } = useTranslation();
  const [voiding, setVoiding] = useState(false);
  const [completing, setCompleting] = useState(false);
  const subject = r.groupId ? (
    <Link to={groupPath(r.groupId)}>{r.subject}</Link>
  ) : r.activityId ? (
    <Link to={activityPath(r.activityId)}>{r.subject}</Link>
  ) : r.caseId ? (
    <Link to={`${navItem('cases').path}/${r.caseId}`}>{r.subject}</Link>
  ) : (
    r.subject
  );
  // Case sessions come from approved case records: they are amended in the case, never voided here.
  const canVoid = r.status !== 'voided' && !r.caseId;
  return (
    <div className="sg-stack" data-testid="service-record-detail" data-status={r.status}>
      <Space wrap>
        <RecordKindTag kind={r.kind} />
        <RecordStatusTag status={r.status} />
      </Space>
      {r.status === 'voided' && r.voidReason ? (
        <Alert type="warning" showIcon title={t('delivery.detail.voidedWith', { reason: r.voidReason })} />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'subject', label: t('delivery.subject'), children: subject },
          {
            key: 'project',
            label: t('delivery.project'),
            children: r.projectId ? (
              <Link to={`${navItem('projects').path}/${r.projectId}`}>{r.projectName}</Link>
            ) : (
              t('delivery.noProject')
            ),
          },
          { key: 'agency', label: t('delivery.agency'), children: r.agencyName },
          ...(r.scheduledAt
            ? [{ key: 'scheduledAt', label: t('delivery.scheduledAt'), children: formatDateTime(r.scheduledAt) }]
            : []),
          ...(r.heldOn
            ? [
                { key: 'heldOn', label: t('delivery.heldOn'), children: r.heldOn },
                {
                  key: 'duration',
                  label: t('delivery.form.durationMinutes'),
                  children: r.durationMinutes ?? t('common.empty'),
                },
                { key: 'count', label: t('delivery.participantCount'), children: r.participantCount },
              ]
            : []),
          { key: 'location', label: t('delivery.location'), children: r.location || t('common.empty') },
          {
            key: 'workers',
            label: t('delivery.workers'),
            children: r.workers.map((w) => w.name).join(t('common.listSeparator')),
          },
          ...(r.status === 'completed'
            ? [
                {
                  key: 'content',
                  label: t('delivery.form.content'),
                  children: <span className="sg-pre-line">{r.content}</span>,
                },
                {
                  key: 'outcome',
                  label: t('delivery.form.outcome'),
                  children: <span className="sg-pre-line">{r.outcome || t('common.empty')}</span>,
                },
              ]
            : []),
        ]}
      />
      {r.attendees.length > 0 ? (
        <section aria-labelledby={`attendees-${r.id}`}>
          <Typography.Title level={2} className="sg-section-title" id={`attendees-${r.id}`}>
            {t('delivery.detail.attendance', {
              present: r.attendees.filter((a) => a.present).length,
              total: r.attendees.length,
            })}
          </Typography.Title>
          <ul className="sg-plain-list sg-tags" data-testid="record-attendees">
            {r.attendees.map((a) => (
              <li key={a.beneficiaryId ?? a.name}>
                <Tag color={a.present ? 'success' : 'default'}>
                  {a.name} · {a.present ? t('delivery.detail.present') : t('delivery.detail.absent')}
                </Tag>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby={`photos-${r.id}`}>
        <Typography.Title level={2} className="sg-section-title" id={`photos-${r.id}`}>
          {t('delivery.photos.title')}
        </Typography.Title>
        {r.attachments.length > 0 ? (
          <Image.PreviewGroup>
            <Space wrap data-testid="record-photos">
              {r.attachments.map((a) => (
                <Image
                  key={a.id}
                  width={96}
                  height={96}
                  className="sg-delivery-photo"
                  src={serviceRecordPhotoUrl(r.id, a.id)}
                  alt={a.fileName}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        ) : (
          <Typography.Paragraph type="secondary">{t('delivery.photos.none')}</Typography.Paragraph>
        )}
        {r.status !== 'voided' ? <PhotoUpload record={r} /> : null}
      </section>
      <Space wrap>
        {r.status === 'scheduled' ? (
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            onClick={() => setCompleting(true)}
            data-testid="record-complete"
          >
            {t('delivery.complete.button')}
          </Button>
        ) : null}
        {canVoid ? (
          <Button danger icon={<StopOutlined />} onClick={() => setVoiding(true)} data-testid="record-void">
            {t('delivery.void.button')}
          </Button>
        ) : null}
      </Space>
      <VoidModal record={r} open={voiding} onClose={() => setVoiding(false)} />
      <CompleteRecordDrawer recordId={completing ? r.id : null} onClose={() => setCompleting(false)} />
    </div>
  );
}

function RecordLoader({ recordId }: { recordId: string }) {
  const record = useQuery({
    queryKey: queryKeys.serviceRecord(recordId),
    queryFn: ({ signal }) => getServiceRecord(recordId, { signal }),
  });
  if (record.isPending) return <FullPageSpin inline />;
  if (record.isError) return <QueryErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  return <RecordDetail record={record.data} />;
}

/** One service record in full, with what can be done to it (complete, void, add photos). */
export function ServiceRecordDrawer({ recordId, onClose }: { recordId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  return (
    <Drawer open={recordId !== null} onClose={onClose} title={t('delivery.detail.title')} size={width} destroyOnHidden>
      {recordId ? <RecordLoader recordId={recordId} /> : null}
    </Drawer>
  );
}
