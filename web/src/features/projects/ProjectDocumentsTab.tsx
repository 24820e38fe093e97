import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../../contracts/api/projects';
import {
  downloadProjectDocument,
  listProjectDocuments,
  type ProjectDetail,
  type ProjectDocument,
  type ProjectDocumentKind,
  queryKeys,
  uploadProjectDocument,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { formatBytes, TableEmpty } from './projectBits';

/** The server's limit (MAX_DOCUMENT_BYTES): checked here first so that nobody waits for a 20 MB upload to fail. */
const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.doc,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.zip';

/** 文档: proposals, contracts, reports and evidence, with upload (by kind) and download. */
export function ProjectDocumentsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ProjectDocumentKind>('proposal');
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);
  const key = queryKeys.projectPart(project.id, 'documents');
  const documents = useQuery({ queryKey: key, queryFn: ({ signal }) => listProjectDocuments(project.id, { signal }) });

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      message.error(t('projects.documents.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      await uploadProjectDocument(project.id, kind, file);
      message.success(t('projects.documents.uploaded', { name: file.name }));
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      message.error(error instanceof Error ? error.message : t('errors.unexpected'));
    } finally {
      setUploading(false);
    }
  };

  const download = async (doc: ProjectDocument) => {
    setDownloading(doc.id);
    try {
      await downloadProjectDocument(project.id, doc);
    } catch (error) {
      message.error(error instanceof Error ? error.message : t('errors.unexpected'));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div data-testid="project-documents" className="sg-stack">
      {project.can.uploadDocuments ? (
        <div className="sg-project-upload">
          <Space wrap>
            <Select<ProjectDocumentKind>
              className="sg-project-kind-select"
              aria-label={t('projects.documents.kind')}
              value={kind}
              onChange={setKind}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`projects.documents.kinds.${k}`) }))}
            />
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              disabled={uploading}
              customRequest={({ file }) => void upload(file as File)}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('projects.documents.upload')}
              </Button>
            </Upload>
          </Space>
          <Typography.Text type="secondary">{t('projects.documents.hint')}</Typography.Text>
        </div>
      ) : null}
      {documents.isError ? (
        <QueryErrorResult error={documents.error} onRetry={() => void documents.refetch()} />
      ) : (
        <Table<ProjectDocument>
          rowKey="id"
          size="small"
          loading={documents.isPending}
          dataSource={documents.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('projects.documents.empty')} /> }}
          columns={[
            {
              title: t('projects.documents.fileName'),
              key: 'fileName',
              render: (_: unknown, d) => (
                <Button
                  type="link"
                  className="sg-link-cell"
                  icon={<DownloadOutlined />}
                  loading={downloading === d.id}
                  onClick={() => void download(d)}
                  aria-label={t('projects.documents.download', { name: d.fileName })}
                >
                  {d.fileName}
                </Button>
              ),
            },
            {
              title: t('projects.documents.kind'),
              key: 'kind',
              render: (_: unknown, d) => t(`projects.documents.kinds.${d.kind}`),
            },
            {
              title: t('projects.documents.size'),
              key: 'size',
              align: 'right',
              className: 'sg-nowrap',
              render: (_: unknown, d) => formatBytes(d.byteSize),
            },
            {
              title: t('projects.documents.uploadedAt'),
              key: 'uploadedAt',
              className: 'sg-nowrap',
              render: (_: unknown, d) => formatDateTime(d.uploadedAt),
            },
            {
              title: t('projects.documents.sha256'),
              key: 'sha256',
              render: (_: unknown, d) => (
                <span className="sg-mono" title={d.sha256}>
                  {d.sha256.slice(0, 12)}…
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
