import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../../contracts/api/cases';
import { isApiError } from '../../api/client';
import { type CaseDetail, queryKeys, transitionCase } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';
import { REASON_ACTIONS, useCaseVocabulary } from './caseBits';

/** Moves that undo work (reopening a closed case): shown as danger buttons. */
const DANGEROUS: ReadonlySet<CaseAction> = new Set(['reopen']);

/** After a move: the new case in the cache, the lists and the history read again. */
function useCaseMoved() {
  const queryClient = useQueryClient();
  return (next: CaseDetail) => {
    queryClient.setQueryData(queryKeys.case(next.id), next);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.cases,
      predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === next.id),
    });
  };
}

/**
 * The stage moves the server offers this user on this case (`can.actions`). A move sends the version read; leaving a
 * stage needs its record approved by the supervisor, which the server checks and explains when it refuses.
 */
export function CaseActions({ caseDetail, onReload }: { caseDetail: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const vocabulary = useCaseVocabulary();
  const moved = useCaseMoved();
  const [reasonFor, setReasonFor] = useState<CaseAction | null>(null);

  const done = (next: CaseDetail, action: CaseAction) => {
    moved(next);
    message.success(
      t('cases.actions.done', { action: vocabulary.action(action), stage: vocabulary.stage(next.stage) }),
    );
  };

  const move = async (action: CaseAction) => {
    try {
      done(await transitionCase(caseDetail.id, { action, version: caseDetail.version }), action);
    } catch (error) {
      // The server asks for a reason this page did not know was needed: ask for it.
      if (isApiError(error) && error.code === 'case.reason_required') {
        setReasonFor(action);
        return;
      }
      message.error(error instanceof Error ? error.message : t('errors.unexpected'));
      // A stale version or a move someone else made first: show the case as it is now.
      if (isApiError(error) && error.status === 409) onReload();
    }
  };

  const run = (action: CaseAction) => {
    if (REASON_ACTIONS.has(action)) {
      setReasonFor(action);
      return;
    }
    const name = vocabulary.action(action);
    modal.confirm({
      title: t('cases.actions.confirmTitle', { action: name }),
      content: t('cases.actions.confirmText', { action: name, code: caseDetail.code }),
      okText: name,
      cancelText: t('common.cancel'),
      onOk: () => move(action),
    });
  };

  if (caseDetail.can.actions.length === 0) return null;
  const reasonName = reasonFor ? vocabulary.action(reasonFor) : '';
  return (
    <>
      {caseDetail.can.actions.map((action, index) => (
        <Button
          key={action}
          type={index === 0 && !DANGEROUS.has(action) ? 'primary' : 'default'}
          danger={DANGEROUS.has(action)}
          data-testid={`case-action-${action}`}
          onClick={() => run(action)}
        >
          {vocabulary.action(action)}
        </Button>
      ))}
      <FormModal<{ reason: string }, CaseDetail>
        open={reasonFor !== null}
        onClose={() => setReasonFor(null)}
        title={t('cases.actions.reasonTitle', { action: reasonName })}
        okText={reasonName}
        danger={reasonFor !== null && DANGEROUS.has(reasonFor)}
        name="case-transition"
        intro={<Typography.Paragraph>{t('cases.actions.reasonIntro', { code: caseDetail.code })}</Typography.Paragraph>}
        submit={({ reason }) =>
          transitionCase(caseDetail.id, { action: reasonFor!, reason: reason.trim(), version: caseDetail.version })
        }
        onSuccess={(next) => {
          if (reasonFor) done(next, reasonFor);
        }}
        explainError={(error) => {
          if (isApiError(error) && error.status === 409) onReload();
          return null;
        }}
        fieldMap={sameNamedFields('reason')}
      >
        <Form.Item
          name="reason"
          label={t('cases.actions.reason')}
          rules={[
            { required: true, whitespace: true, message: t('cases.actions.reasonRequired') },
            { max: 500, message: t('cases.actions.reasonMax') },
          ]}
        >
          {/* One line: the server refuses line breaks in a reason. */}
          <Input maxLength={500} showCount autoComplete="off" data-testid="case-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
