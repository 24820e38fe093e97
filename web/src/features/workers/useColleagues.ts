import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getMyWorkerRecord, listColleagues, queryKeys } from '../../api/endpoints';
import { useMe } from '../../app/session';

export interface ColleagueOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * The agency's current workers as picker options (`name（level）`), by name: whom its managers and social workers can
 * assign work to. With `accountRequired` (a case worker or supervisor, who must sign in to write or review records) a
 * worker without an account is shown but cannot be chosen, the reason in the label.
 */
export function useColleagues(
  agencyId: string | undefined,
  { enabled = true, accountRequired = false }: { enabled?: boolean; accountRequired?: boolean } = {},
) {
  const { t } = useTranslation();
  const colleagues = useQuery({
    queryKey: queryKeys.colleagues(agencyId ?? ''),
    queryFn: ({ signal }) => listColleagues(agencyId ?? '', { signal }),
    enabled: enabled && !!agencyId,
  });
  const options = useMemo(
    () =>
      [...(colleagues.data ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        .map((c): ColleagueOption => {
          const level = c.credentialLevel ? t(`credentialLevels.${c.credentialLevel}`) : t('credentialLevels.none');
          const label = `${c.name}（${level}）`;
          return accountRequired && !c.hasAccount
            ? { value: c.id, label: `${label} · ${t('workers.colleagues.noAccount')}`, disabled: true }
            : { value: c.id, label };
        }),
    [colleagues.data, accountRequired, t],
  );
  return { options, loading: colleagues.isFetching };
}

/** The signed-in user's own worker record id when they are a social worker of the agency: the usual default. */
export function useMyWorkerId(agencyId: string | undefined, enabled = true): string | undefined {
  const me = useMe();
  const isWorker = me.memberships.some((m) => m.role === 'social_worker' && m.organizationId === agencyId);
  const mine = useQuery({
    queryKey: queryKeys.worker('mine'),
    queryFn: ({ signal }) => getMyWorkerRecord({ signal }),
    enabled: enabled && isWorker,
  });
  return isWorker && mine.data && mine.data.agencyId === agencyId ? mine.data.id : undefined;
}
