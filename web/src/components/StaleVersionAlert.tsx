import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Above an edit form whose save was refused because someone else changed the record since it was read: the server's
 * message and a reload button (a retry would be refused again).
 */
export function StaleVersionAlert({
  message,
  onReload,
  description,
  testId,
}: {
  message: string | null;
  onReload: () => void;
  description?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="sg-form-alert"
      data-testid={testId}
      title={message}
      description={description}
      action={
        <Button size="small" onClick={onReload}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
