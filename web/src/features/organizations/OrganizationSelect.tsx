import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../../../contracts/roles';
import { getOrganization, listOrganizations, type Organization, queryKeys } from '../../api/endpoints';
import { isUuid } from '../../components/tableDefaults';
import { useDebouncedValue } from '../../components/useDebouncedValue';

export interface OrganizationSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Also reports the whole organization (e.g. to know its kind). */
  onOrganizationChange?: (organization: Organization | undefined) => void;
  kind?: OrganizationKind;
  placeholder?: string;
  allowClear?: boolean;
  className?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/** Organization picker searching the server by name (first 50 matches). */
export function OrganizationSelect({
  id,
  value,
  onChange,
  onOrganizationChange,
  kind,
  placeholder,
  allowClear,
  className,
  disabled,
  'aria-label': ariaLabel,
}: OrganizationSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300) || undefined;
  const params = { q, kind, page: 1, pageSize: 50 };
  const list = useQuery({
    queryKey: queryKeys.organizationList(params),
    queryFn: ({ signal }) => listOrganizations(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const listed = value ? items.find((o) => o.id === value) : undefined;
  const detail = useQuery({
    queryKey: queryKeys.organization(value ?? ''),
    queryFn: ({ signal }) => getOrganization(value ?? '', { signal }),
    enabled: !!value && !listed && isUuid(value),
  });
  const selected = listed ?? detail.data;
  const organizations = selected && !listed ? [selected, ...items] : items;

  return (
    <Select<string, { value: string; label: string; organization: Organization }>
      id={id}
      className={className}
      value={value}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={placeholder}
      aria-label={ariaLabel}
      showSearch={{
        onSearch: setSearch,
        // The server searches; filtering locally too hides stale results while the next page is on its way.
        filterOption: (input, option) =>
          !!option && option.organization.name.toLowerCase().includes(input.trim().toLowerCase()),
      }}
      loading={list.isFetching}
      notFoundContent={list.isFetching ? <Spin size="small" /> : undefined}
      options={organizations.map((o) => ({ value: o.id, label: o.name, organization: o }))}
      optionRender={(option) => (
        <div>
          <div>{option.data.organization.name}</div>
          <Typography.Text type="secondary" className="sg-option-secondary">
            {t(`orgKinds.${option.data.organization.kind}`)} · {option.data.organization.divisionName}
          </Typography.Text>
        </div>
      )}
      onChange={(next) => {
        setSearch('');
        onChange?.(next);
        onOrganizationChange?.(organizations.find((o) => o.id === next));
      }}
    />
  );
}
