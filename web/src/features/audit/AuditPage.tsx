import 'dayjs/locale/zh-cn';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, DatePicker, Input, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEvent, type AuditListParams, listAudit, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime, shanghaiIsoToWallClock, wallClockToShanghaiIso } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { isUuid, paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';

const FILTER_KEYS = ['action', 'actorUserId', 'targetType', 'targetId', 'from', 'to'] as const;

/** Actions the server records today; the field also accepts any other text. */
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.login_refused',
  'auth.account_locked',
  'auth.logout',
  'auth.password_change',
  'user.create',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'membership.grant',
  'membership.revoke',
  'organization.create',
  'organization.update',
  'organization.verify',
  'organization.status',
  'worker.create',
  'worker.update',
  'worker.reveal',
  'worker.registration_add',
  'worker.ce_add',
  'worker.credential_verify',
  'worker.export',
];
const KNOWN_TARGET_TYPES = ['user', 'organization', 'worker'];

function toPicker(iso: string | undefined): Dayjs | null {
  if (!iso) return null;
  const wall = shanghaiIsoToWallClock(iso);
  return wall ? dayjs(wall) : null;
}

function fromPicker(value: Dayjs | null | undefined): string | undefined {
  return value ? wallClockToShanghaiIso(value.format('YYYY-MM-DDTHH:mm:ss')) : undefined;
}

function suggestions(values: string[], input: string) {
  const q = input.trim().toLowerCase();
  return values.filter((v) => !q || v.includes(q)).map((v) => ({ value: v }));
}

interface Draft {
  action: string;
  targetType: string;
  targetId: string;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { filters, page, pageSize, setFilters, resetFilters, setPage } = useListParams(FILTER_KEYS);
  const [draft, setDraft] = useState<Draft>({ action: '', targetType: '', targetId: '' });

  useEffect(() => {
    dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  }, [i18n.language]);

  useEffect(() => {
    setDraft({ action: filters.action ?? '', targetType: filters.targetType ?? '', targetId: filters.targetId ?? '' });
  }, [filters.action, filters.targetType, filters.targetId]);

  const params: AuditListParams = {
    action: filters.action,
    actorUserId: isUuid(filters.actorUserId) ? filters.actorUserId : undefined,
    targetType: filters.targetType,
    targetId: filters.targetId,
    from: filters.from,
    to: filters.to,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.audit(params),
    queryFn: ({ signal }) => listAudit(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const apply = () =>
    setFilters({
      action: draft.action.trim(),
      targetType: draft.targetType.trim(),
      targetId: draft.targetId.trim(),
    });

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.timezoneNote')} />
      <Card>
        <search aria-label={t('common.filters')}>
          <form
            className="sg-toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <AutoComplete
              className="sg-toolbar-select"
              aria-label={t('audit.action')}
              placeholder={t('audit.actionPlaceholder')}
              value={draft.action}
              options={suggestions(KNOWN_ACTIONS, draft.action)}
              onChange={(action: string) => setDraft((d) => ({ ...d, action }))}
              allowClear
            />
            <AutoComplete
              className="sg-toolbar-select"
              aria-label={t('audit.targetType')}
              placeholder={t('audit.targetTypePlaceholder')}
              value={draft.targetType}
              options={suggestions(KNOWN_TARGET_TYPES, draft.targetType)}
              onChange={(targetType: string) => setDraft((d) => ({ ...d, targetType }))}
              allowClear
            />
            <Input
              className="sg-toolbar-select"
              aria-label={t('audit.targetId')}
              placeholder={t('audit.targetIdPlaceholder')}
              value={draft.targetId}
              maxLength={64}
              allowClear
              onChange={(e) => setDraft((d) => ({ ...d, targetId: e.target.value }))}
            />
            <DatePicker.RangePicker
              className="sg-toolbar-range"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t('audit.timeRange')}
              placeholder={[t('audit.startTime'), t('audit.endTime')]}
              value={[toPicker(filters.from), toPicker(filters.to)]}
              allowEmpty={[true, true]}
              onChange={(range) => setFilters({ from: fromPicker(range?.[0]), to: fromPicker(range?.[1]) })}
            />
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                setDraft({ action: '', targetType: '', targetId: '' });
                resetFilters();
              }}
            >
              {t('common.reset')}
            </Button>
          </form>
        </search>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            expandable={{
              columnTitle: <span className="sg-visually-hidden">{t('audit.summary')}</span>,
              expandedRowRender: (event) => (
                <div>
                  <Typography.Text strong>{t('audit.summary')}</Typography.Text>
                  <pre className="sg-json">{JSON.stringify(event.summary, null, 2)}</pre>
                  {event.requestId ? (
                    <Typography.Text type="secondary">
                      {t('audit.requestId')}: <code>{event.requestId}</code>
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            }}
            columns={[
              {
                title: t('audit.at'),
                dataIndex: 'at',
                className: 'sg-nowrap',
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('audit.actor'),
                dataIndex: 'actorUsername',
                render: (name: string | null) =>
                  name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
              },
              { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
              {
                title: t('audit.target'),
                key: 'target',
                render: (_: unknown, e) =>
                  e.targetType ? (
                    <span>
                      {e.targetType}
                      {e.targetId ? <span className="sg-division-code"> {e.targetId}</span> : null}
                    </span>
                  ) : (
                    t('common.empty')
                  ),
              },
              {
                title: t('audit.division'),
                dataIndex: 'divisionCode',
                render: (code: string | null) => code ?? t('common.empty'),
              },
              { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? t('common.empty') },
            ]}
          />
        )}
      </Card>
    </>
  );
}
