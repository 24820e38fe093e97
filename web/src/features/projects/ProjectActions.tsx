import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLAIN_ACTIONS } from '../../../../contracts/api/projects';
import { isApiError } from '../../api/client';
import { type ProjectDetail, queryKeys, transitionProject } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useProjectVocabulary } from './projectBits';

type PlainAction = (typeof PLAIN_ACTIONS)[number];
type AllowedAction = ProjectDetail['allowedActions'][number];

const isPlain = (action: string): action is PlainAction => (PLAIN_ACTIONS as readonly string[]).includes(action);
/** Moves that end or set back a project: shown as danger buttons. */
const DANGEROUS = new Set(['reject', 'terminate']);

/** After any change to a project: the new detail in the cache, lists and history refetched. */
export function useProjectSaved() {
  const queryClient = useQueryClient();
  return (next: ProjectDetail) => {
    queryClient.setQueryData(queryKeys.project(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.projects,
      predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === next.id),
    });
  };
}

function ReasonModal({
  project,
  action,
  onClose,
  onDone,
  onReload,
}: {
  project: ProjectDetail;
  action: PlainAction | null;
  onClose: () => void;
  onDone: (next: ProjectDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const [form] = Form.useForm<{ reason: string }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const mutation = useMutation({
    mutationFn: (reason: string) =>
      transitionProject(project.id, { action: action as PlainAction, reason, version: project.version }),
    onSuccess: (next) => {
      setErrors(null);
      form.resetFields();
      onDone(next);
    },
    onError: (error) => {
      setErrors(applyServerErrors(form, error, { reason: ['reason'] }));
      if (isApiError(error) && error.status === 409) onReload();
    },
  });
  const name = action ? vocabulary.action(action) : '';
  return (
    <Modal
      open={action !== null}
      title={t('projects.actions.reasonTitle', { action: name })}
      okText={name}
      okButtonProps={{ danger: action !== null && DANGEROUS.has(action) }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setErrors(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('projects.actions.reasonIntro', { action: name, title: project.title })}
      </Typography.Paragraph>
      <FormErrorAlert messages={errors} />
      <Form form={form} name="project-transition" layout="vertical" onFinish={(v) => mutation.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('projects.actions.reason')}
          rules={[
            { required: true, whitespace: true, message: t('projects.actions.reasonRequired') },
            { max: 500, message: t('projects.actions.reasonMax') },
          ]}
        >
          {/* One line: the server refuses line breaks in a reason. */}
          <Input maxLength={500} showCount autoComplete="off" data-testid="project-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The moves the server offers on this project (allowedActions). Plain moves go through the transitions endpoint, after
 * a confirmation (or a required reason); publishing the call and awarding are done on the procurement tab.
 */
export function ProjectActions({
  project,
  onOpenTab,
  onReload,
}: {
  project: ProjectDetail;
  onOpenTab: (tab: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const vocabulary = useProjectVocabulary();
  const saved = useProjectSaved();
  const [reasonFor, setReasonFor] = useState<PlainAction | null>(null);

  const done = (next: ProjectDetail, action: string) => {
    saved(next);
    message.success(
      t('projects.actions.done', { action: vocabulary.action(action), status: vocabulary.status(next.status) }),
    );
  };

  const failed = (error: unknown) => {
    message.error(error instanceof Error ? error.message : t('errors.unexpected'));
    // A stale version or a move someone else made first: show the project as it is now.
    if (isApiError(error) && error.status === 409) onReload();
  };

  const run = (a: AllowedAction) => {
    if (a.dedicated || !isPlain(a.action)) {
      onOpenTab('procurement');
      return;
    }
    const action = a.action;
    if (a.needsReason) {
      setReasonFor(action);
      return;
    }
    const name = vocabulary.action(action);
    modal.confirm({
      title: t('projects.actions.confirmTitle', { action: name }),
      content: t('projects.actions.confirmText', { action: name, title: project.title, code: project.code }),
      okText: name,
      cancelText: t('common.cancel'),
      okButtonProps: { danger: DANGEROUS.has(action) },
      onOk: async () => {
        try {
          done(await transitionProject(project.id, { action, version: project.version }), action);
        } catch (error) {
          failed(error);
        }
      },
    });
  };

  if (project.allowedActions.length === 0) return null;
  const primary = project.allowedActions.find((a) => !DANGEROUS.has(a.action));
  return (
    <>
      {project.allowedActions.map((a) => (
        <Button
          key={a.action}
          type={a === primary ? 'primary' : 'default'}
          danger={DANGEROUS.has(a.action)}
          data-testid={`project-action-${a.action}`}
          onClick={() => run(a)}
        >
          {vocabulary.action(a.action)}
        </Button>
      ))}
      <ReasonModal
        project={project}
        action={reasonFor}
        onClose={() => setReasonFor(null)}
        onReload={onReload}
        onDone={(next) => {
          if (reasonFor) done(next, reasonFor);
          setReasonFor(null);
        }}
      />
    </>
  );
}
