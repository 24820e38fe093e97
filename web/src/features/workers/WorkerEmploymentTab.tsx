import { StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type Employment,
  endWorkerEmployment,
  queryKeys,
  transferWorker,
  type WorkerDetail,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { fromDay, todayAsDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { useWorkerUpdated } from './useWorkerUpdated';
import { EmploymentStartItems } from './workerFormItems';

function EmploymentTable({ employment }: { employment: Employment[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const canOpenOrganizations = hasAnyRole(me, navItem('organizations').roles);
  const rows = [...employment].sort(
    (a, b) => b.startedOn.localeCompare(a.startedOn) || (a.endedOn === null ? -1 : b.endedOn === null ? 1 : 0),
  );
  return (
    <Table<Employment>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('employment.none') }}
      columns={[
        {
          title: t('employment.period'),
          key: 'period',
          className: 'sg-nowrap',
          render: (_: unknown, e) => (
            <span className="sg-tags">
              {e.endedOn
                ? t('employment.range', { from: e.startedOn, to: e.endedOn })
                : t('employment.since', { from: e.startedOn })}
              {e.endedOn ? null : <Tag color="success">{t('employment.current')}</Tag>}
            </span>
          ),
        },
        {
          title: t('employment.agency'),
          dataIndex: 'agencyName',
          render: (name: string, e) =>
            canOpenOrganizations ? <Link to={`${navItem('organizations').path}/${e.agencyId}`}>{name}</Link> : name,
        },
        { title: t('employment.role'), dataIndex: 'role', render: (role: string) => role || t('common.empty') },
        {
          title: t('employment.endReason'),
          dataIndex: 'endReason',
          render: (reason: string | null) =>
            reason ? <span className="sg-cell-wrap">{reason}</span> : t('common.empty'),
        },
      ]}
    />
  );
}

/** The open job, if any (the server keeps at most one). */
function currentEmployment(worker: WorkerDetail): Employment | undefined {
  return worker.employment.find((e) => e.endedOn === null);
}

/** Days a new end or start date may take: from the current job's first day up to today (Beijing). */
function outsideCurrentJob(current: Employment | undefined) {
  const today = todayInShanghai();
  return (day: Dayjs) => {
    const d = day.format('YYYY-MM-DD');
    return d > today || (!!current && d < current.startedOn);
  };
}

/** A stale version: say so, and reload the worker so that the next attempt carries the fresh version. */
function useStaleHandling(workerId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (error: unknown): string[] | null => {
    if (!isApiError(error) || error.code !== 'conflict.stale_version') return null;
    void queryClient.invalidateQueries({ queryKey: queryKeys.worker(workerId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.worker('mine') });
    return [error.message, t('employment.staleHint')];
  };
}

/** What the end and transfer introductions name: the worker, the current agency and since when. */
function introValues(worker: WorkerDetail, current: Employment | undefined) {
  return {
    name: worker.name,
    agency: current?.agencyName ?? worker.agencyName ?? '',
    from: current?.startedOn ?? '',
  };
}

interface EndValues {
  endedOn: Dayjs;
  reason: string;
}

function EndEmploymentModal({ worker, open, onClose }: { worker: WorkerDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const stale = useStaleHandling(worker.id);
  const current = currentEmployment(worker);
  // Only the bureau still sees the worker afterwards; an agency manager goes back to the list.
  const staysVisible = me.roles.includes('bureau_admin');
  useDayjsLocale();

  return (
    <FormModal<EndValues, unknown>
      open={open}
      onClose={onClose}
      title={t('employment.end.title')}
      okText={t('employment.end.submit')}
      danger
      name="end-employment"
      initialValues={{ endedOn: todayAsDay(), reason: '' }}
      intro={
        <>
          <p>{t('employment.end.intro', introValues(worker, current))}</p>
          {staysVisible ? null : (
            <Alert type="warning" showIcon className="sg-form-alert" title={t('employment.end.managerHint')} />
          )}
        </>
      }
      submit={(values) =>
        endWorkerEmployment(worker.id, {
          endedOn: fromDay(values.endedOn) ?? '',
          reason: values.reason.trim(),
          version: worker.version,
        })
      }
      onSuccess={() => {
        message.success(t('employment.end.done'));
        if (staysVisible) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.workers });
          return;
        }
        queryClient.removeQueries({ queryKey: queryKeys.worker(worker.id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.workers });
        void navigate(navItem('workers').path);
      }}
      fieldMap={sameNamedFields('endedOn', 'reason')}
      explainError={stale}
    >
      <Form.Item
        name="endedOn"
        label={t('employment.end.endedOn')}
        rules={[{ required: true, message: t('employment.end.endedOnRequired') }]}
      >
        <DatePicker className="sg-full-width" disabledDate={outsideCurrentJob(current)} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('employment.end.reason')}
        rules={[
          { required: true, whitespace: true, message: t('employment.end.reasonRequired') },
          { max: 200, message: t('employment.end.reasonLength') },
        ]}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          showCount
          autoFocus
          placeholder={t('employment.end.reasonPlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}

interface TransferValues {
  agencyId: string;
  role: string;
  startedOn: Dayjs;
}

function TransferModal({ worker, open, onClose }: { worker: WorkerDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const updated = useWorkerUpdated();
  const stale = useStaleHandling(worker.id);
  const current = currentEmployment(worker);
  useDayjsLocale();

  return (
    <FormModal<TransferValues, WorkerDetail>
      open={open}
      onClose={onClose}
      title={t('employment.transfer.title')}
      okText={t('employment.transfer.submit')}
      name="transfer-worker"
      initialValues={{ role: current?.role || t('employment.defaultRole'), startedOn: todayAsDay() }}
      intro={<p>{t('employment.transfer.intro', introValues(worker, current))}</p>}
      submit={(values) =>
        transferWorker(worker.id, {
          agencyId: values.agencyId,
          role: values.role.trim(),
          startedOn: fromDay(values.startedOn) ?? '',
          version: worker.version,
        })
      }
      onSuccess={(next) => {
        message.success(t('employment.transfer.done'));
        updated(next);
      }}
      fieldMap={sameNamedFields('agencyId', 'role', 'startedOn')}
      explainError={stale}
    >
      <Form.Item
        name="agencyId"
        label={t('employment.transfer.agency')}
        rules={[{ required: true, message: t('employment.transfer.agencyRequired') }]}
      >
        <OrganizationSelect kind="agency" placeholder={t('employment.transfer.agencyPlaceholder')} />
      </Form.Item>
      <EmploymentStartItems
        startedOnLabel={t('employment.transfer.startedOn')}
        startedOnRequired={t('employment.transfer.startedOnRequired')}
        disabledDate={outsideCurrentJob(current)}
      />
    </FormModal>
  );
}

/** 从业经历: the history with end reasons; ending a job (agency or bureau) and transfers (bureau). */
export function WorkerEmploymentTab({
  worker,
  canEnd,
  canTransfer,
}: {
  worker: WorkerDetail;
  canEnd: boolean;
  canTransfer: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'end' | 'transfer' | null>(null);
  const hasCurrent = currentEmployment(worker) !== undefined;
  const showEnd = canEnd && hasCurrent;
  const showTransfer = canTransfer && hasCurrent;

  return (
    <div className="sg-stack">
      {showEnd || showTransfer ? (
        <Space wrap>
          {showTransfer ? (
            <Button icon={<SwapOutlined />} onClick={() => setOpen('transfer')}>
              {t('employment.transfer.button')}
            </Button>
          ) : null}
          {showEnd ? (
            <Button danger icon={<StopOutlined />} onClick={() => setOpen('end')}>
              {t('employment.end.button')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      <EmploymentTable employment={worker.employment} />
      {showEnd ? <EndEmploymentModal worker={worker} open={open === 'end'} onClose={() => setOpen(null)} /> : null}
      {showTransfer ? <TransferModal worker={worker} open={open === 'transfer'} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
