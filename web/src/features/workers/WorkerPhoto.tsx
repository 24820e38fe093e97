import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES, type PhotoContentType } from '../../../../contracts/photos';
import { isApiError } from '../../api/client';
import { queryKeys, removeWorkerPhoto, setWorkerPhoto, type WorkerDetail, workerPhotoUrl } from '../../api/endpoints';

/*
 * The server lets the browser keep a photo for a minute. After a change the image URL gets a new `v`, so the page
 * shows the new photo at once; the revision is kept per worker outside the component, so it survives the tab being
 * re-mounted when the worker reloads.
 */
const revisions = new Map<string, number>();
const listeners = new Set<() => void>();
function bumpRevision(workerId: string) {
  revisions.set(workerId, Date.now());
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function useRevision(workerId: string): number {
  return useSyncExternalStore(subscribe, () => revisions.get(workerId) ?? 0);
}

const isPhotoType = (type: string): type is PhotoContentType =>
  (PHOTO_CONTENT_TYPES as readonly string[]).includes(type);

/** 照片: shown to everyone who sees the worker; uploaded, replaced and removed by those who may edit. */
export function WorkerPhoto({ worker, canEdit }: { worker: WorkerDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const revision = useRevision(worker.id);
  const [failedRevision, setFailedRevision] = useState<number | null>(null);
  const showImage = worker.hasPhoto && failedRevision !== revision;

  const changed = () => {
    bumpRevision(worker.id);
    void queryClient.invalidateQueries({ queryKey: queryKeys.worker(worker.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.worker('mine') });
  };
  const showError = (error: unknown) => {
    void message.error(isApiError(error) || error instanceof Error ? error.message : String(error));
  };

  const upload = useMutation({
    mutationFn: ({ file, type }: { file: File; type: PhotoContentType }) => setWorkerPhoto(worker.id, file, type),
    onSuccess: () => {
      void message.success(t('employment.photo.uploaded'));
      changed();
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => removeWorkerPhoto(worker.id),
    onSuccess: () => {
      void message.success(t('employment.photo.removed'));
      changed();
    },
    onError: showError,
  });

  /** Checked here for a quick answer; the server checks the type against the file's bytes and the size again. */
  const beforeUpload = (file: File) => {
    if (!isPhotoType(file.type)) {
      void message.error(t('employment.photo.wrongType'));
    } else if (file.size > PHOTO_MAX_BYTES) {
      void message.error(t('employment.photo.tooLarge'));
    } else {
      upload.mutate({ file, type: file.type });
    }
    // The upload is ours (raw body through the API client), never antd's own request.
    return Upload.LIST_IGNORE;
  };

  return (
    <div className="sg-worker-photo">
      <figure className="sg-worker-photo-frame">
        {showImage ? (
          <img
            src={workerPhotoUrl(worker.id, revision)}
            alt={t('employment.photo.alt', { name: worker.name })}
            onError={() => setFailedRevision(revision)}
          />
        ) : (
          <span className="sg-worker-photo-empty" role="img" aria-label={t('employment.photo.none')}>
            <UserOutlined aria-hidden />
          </span>
        )}
      </figure>
      {canEdit ? (
        <div className="sg-stack-tight">
          <Space wrap>
            <Upload accept={PHOTO_CONTENT_TYPES.join(',')} showUploadList={false} beforeUpload={beforeUpload}>
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                {worker.hasPhoto ? t('employment.photo.replace') : t('employment.photo.upload')}
              </Button>
            </Upload>
            {worker.hasPhoto ? (
              <Popconfirm
                title={t('employment.photo.removeConfirm')}
                okText={t('employment.photo.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync().catch(() => undefined)}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('employment.photo.remove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
          <Typography.Text type="secondary">{t('employment.photo.hint')}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
}
