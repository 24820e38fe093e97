import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileFormat } from '../api/endpoints';

const FORMATS: readonly FileFormat[] = ['xlsx', 'csv'];

/** One button per file format (Excel, CSV); a failed download shows the server's message. */
export function DownloadButtons({
  download,
  label,
  size,
  testId,
}: {
  download: (format: FileFormat) => Promise<void>;
  /** Text before the format name, e.g. "导出". */
  label: string;
  size?: 'small' | 'middle';
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<FileFormat | null>(null);

  const run = async (format: FileFormat) => {
    setBusy(format);
    try {
      await download(format);
    } catch (error) {
      message.error(error instanceof Error ? error.message : t('errors.unexpected'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space wrap size="small">
      {FORMATS.map((format) => (
        <Button
          key={format}
          size={size}
          icon={<DownloadOutlined />}
          loading={busy === format}
          disabled={busy !== null && busy !== format}
          data-testid={testId ? `${testId}-${format}` : undefined}
          onClick={() => void run(format)}
        >
          {t('files.downloadAs', { label, format: t(`files.formats.${format}`) })}
        </Button>
      ))}
    </Space>
  );
}
