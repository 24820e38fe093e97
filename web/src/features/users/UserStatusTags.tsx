import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../api/endpoints';
import { formatDateTime, isFuture } from '../../components/format';

/** Status, plus "locked until …" when the lock is still running and "must change password". */
export function UserStatusTags({ user }: { user: Pick<UserSummary, 'status' | 'lockedUntil' | 'mustChangePassword'> }) {
  const { t } = useTranslation();
  return (
    <span className="sg-tags">
      <Tag color={user.status === 'active' ? 'success' : 'default'}>{t(`userStatus.${user.status}`)}</Tag>
      {isFuture(user.lockedUntil) ? (
        <Tag color="error">{t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}</Tag>
      ) : null}
      {user.mustChangePassword ? <Tag color="warning">{t('users.mustChangePassword')}</Tag> : null}
    </span>
  );
}
