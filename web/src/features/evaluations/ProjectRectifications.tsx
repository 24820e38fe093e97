import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  acceptRectification,
  listProjectRectifications,
  type ProjectDetail,
  queryKeys,
  type Rectification,
  reopenRectification,
  respondRectification,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { TableEmpty } from '../projects/projectBits';
import { OverdueTag, RectificationStatusTag } from './evaluationBits';

type Dialog = { kind: 'respond' | 'reopen'; task: Rectification } | null;

/** 提交整改情况 (the agency) or 退回整改 with a reason (the purchasing side). */
function RectificationDialog({
  dialog,
  onClose,
  onDone,
}: {
  dialog: Dialog;
  onClose: () => void;
  onDone: (next: Rectification) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const respond = dialog?.kind === 'respond';
  const mutation = useMutation({
    mutationFn: (text: string) =>
      respond ? respondRectification(dialog.task.id, text) : reopenRectification(dialog?.task.id ?? '', text),
    onSuccess: (next) => {
      setErrors(null);
      form.resetFields();
      onDone(next);
    },
    onError: (error) => setErrors(applyServerErrors(form, error, { response: ['text'], reason: ['text'] })),
  });
  const close = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };
  const label = respond ? t('evaluations.rectifications.response') : t('evaluations.rectifications.reopenReason');
  return (
    <Modal
      open={dialog !== null}
      title={respond ? t('evaluations.rectifications.respondTitle') : t('evaluations.rectifications.reopenTitle')}
      okText={respond ? t('evaluations.rectifications.respond') : t('evaluations.rectifications.reopen')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {dialog ? <Typography.Paragraph className="sg-pre-line">{dialog.task.description}</Typography.Paragraph> : null}
      <FormErrorAlert messages={errors} />
      <Form form={form} name="rectification" layout="vertical" onFinish={(v) => mutation.mutate(v.text.trim())}>
        <Form.Item
          name="text"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('evaluations.rectifications.textRequired', { label }) },
            {
              max: respond ? 5000 : 500,
              message: t('evaluations.rectifications.textMax', { max: respond ? 5000 : 500 }),
            },
          ]}
        >
          {respond ? (
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={5000}
              showCount
              data-testid="rectification-text"
            />
          ) : (
            // One line: the server refuses line breaks in a reason.
            <Input maxLength={500} showCount autoComplete="off" data-testid="rectification-text" />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RectificationItem({
  task,
  onRespond,
  onAccept,
  onReopen,
}: {
  task: Rectification;
  onRespond: () => void;
  onAccept: () => void;
  onReopen: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={task.overdue ? 'sg-rectification sg-rectification-overdue' : 'sg-rectification'}
      data-testid="rectification"
      data-status={task.status}
    >
      <div className="sg-rectification-head">
        <RectificationStatusTag status={task.status} />
        {task.overdue ? <OverdueTag /> : null}
        <span className={task.overdue ? 'sg-overdue-text' : 'sg-muted'}>
          {t('evaluations.rectifications.dueOn', { date: task.dueOn })}
        </span>
        <span className="sg-muted">· {t(`evaluations.kinds.${task.evaluationKind}`)}</span>
      </div>
      <p className="sg-pre-line">{task.description}</p>
      {task.reopenReason ? (
        <p className="sg-overdue-text">{t('evaluations.rectifications.reopened', { reason: task.reopenReason })}</p>
      ) : null}
      {task.respondedAt || task.response ? (
        <dl>
          <dt>{t('evaluations.rectifications.response')}</dt>
          <dd className="sg-pre-line">{task.response || t('common.empty')}</dd>
          <dt>{t('evaluations.rectifications.respondedAt')}</dt>
          <dd>{formatDateTime(task.respondedAt)}</dd>
          {task.closedAt ? (
            <>
              <dt>{t('evaluations.rectifications.closedAt')}</dt>
              <dd>{formatDateTime(task.closedAt)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {task.can.respond || task.can.review ? (
        <Space wrap>
          {task.can.respond ? (
            <Button type="primary" onClick={onRespond} data-testid="rectification-respond">
              {t('evaluations.rectifications.respond')}
            </Button>
          ) : null}
          {task.can.review ? (
            <>
              <Button type="primary" onClick={onAccept} data-testid="rectification-accept">
                {t('evaluations.rectifications.accept')}
              </Button>
              <Button danger onClick={onReopen} data-testid="rectification-reopen">
                {t('evaluations.rectifications.reopen')}
              </Button>
            </>
          ) : null}
        </Space>
      ) : null}
    </li>
  );
}

/** 整改: tasks raised by submitted evaluations; the agency responds, the purchasing side accepts or sends back. */
export function ProjectRectifications({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const key = queryKeys.projectWorkflow(project.id, 'rectifications');
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => listProjectRectifications(project.id, { signal }) });
  const [dialog, setDialog] = useState<Dialog>(null);

  const store = (next: Rectification) => {
    queryClient.setQueryData<Rectification[]>(key, (old) => old?.map((r) => (r.id === next.id ? next : r)));
    void queryClient.invalidateQueries({ queryKey: queryKeys.project(project.id) });
  };

  const accept = (task: Rectification) =>
    modal.confirm({
      title: t('evaluations.rectifications.acceptTitle'),
      content: <span className="sg-pre-line">{task.description}</span>,
      okText: t('evaluations.rectifications.accept'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          store(await acceptRectification(task.id));
          message.success(t('evaluations.rectifications.accepted'));
        } catch (error) {
          message.error(error instanceof Error ? error.message : t('errors.unexpected'));
          if (isApiError(error) && error.status === 409) void list.refetch();
        }
      },
    });

  if (list.isPending) return <Spin />;
  if (list.isError) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const open = list.data.filter((r) => r.status !== 'accepted').length;

  return (
    <section aria-labelledby="project-rectifications-title" data-testid="project-rectifications">
      <Typography.Title level={2} className="sg-section-title" id="project-rectifications-title">
        {t('evaluations.rectifications.title', { open, total: list.data.length })}
      </Typography.Title>
      {list.data.length === 0 ? (
        <TableEmpty text={t('evaluations.rectifications.empty')} />
      ) : (
        <ul className="sg-plain-list sg-stack-tight">
          {list.data.map((task) => (
            <RectificationItem
              key={task.id}
              task={task}
              onRespond={() => setDialog({ kind: 'respond', task })}
              onReopen={() => setDialog({ kind: 'reopen', task })}
              onAccept={() => accept(task)}
            />
          ))}
        </ul>
      )}
      <RectificationDialog
        dialog={dialog}
        onClose={() => setDialog(null)}
        onDone={(next) => {
          store(next);
          message.success(
            dialog?.kind === 'respond'
              ? t('evaluations.rectifications.responded')
              : t('evaluations.rectifications.sentBack'),
          );
          setDialog(null);
        }}
      />
    </section>
  );
}
