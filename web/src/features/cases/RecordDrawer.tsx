import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../../contracts/api/cases';
import {
  type CaseDetail,
  type CaseRecord,
  createCaseRecord,
  queryKeys,
  submitCaseRecord,
  updateCaseRecord,
} from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsMobile } from '../../components/useMediaQuery';
import { recordRef, useCaseVocabulary } from './caseBits';
import { contentFieldMap, initialValues, RecordFields, type RecordValues, toContent } from './recordForms';

/** What the drawer is for: a new record of a kind, a draft or returned record edited, an approved one amended. */
export type RecordEdit =
  | { mode: 'create'; kind: RecordKind }
  | { mode: 'edit'; record: CaseRecord }
  | { mode: 'amend'; record: CaseRecord };

const kindOf = (edit: RecordEdit) => (edit.mode === 'create' ? edit.kind : edit.record.kind);

/** The plan an evaluation rates: the latest approved plan that no approved amendment has replaced. */
export function currentPlan(c: CaseDetail): CaseRecord | undefined {
  return c.records.filter((r) => r.kind === 'plan' && r.status === 'approved' && !r.amendedByRecordId).at(-1);
}

/** After a record changes: the case (and its lists) read again. */
export function useCaseChanged() {
  const queryClient = useQueryClient();
  return (caseId: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.cases, predicate: (q) => q.queryKey[1] === 'list' });
  };
}

function RecordForm({ caseDetail, edit, onDone }: { caseDetail: CaseDetail; edit: RecordEdit; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useCaseChanged();
  const kind = kindOf(edit);
  const [form] = Form.useForm<RecordValues>();
  const scale = Form.useWatch('scale', form);
  const [errors, setErrors] = useState<string[] | null>(null);
  // Once saved, the record exists: saving again (say, after a refused submission) edits it rather than adding one.
  const [savedId, setSavedId] = useState<string | null>(edit.mode === 'edit' ? edit.record.id : null);
  const plan = currentPlan(caseDetail);
  const start = initialValues(kind, edit.mode === 'create' ? undefined : edit.record.content, plan);

  const mutation = useMutation({
    mutationFn: async ({ values, submit }: { values: RecordValues; submit: boolean }) => {
      const content = toContent(kind, values);
      const saved = savedId
        ? await updateCaseRecord(caseDetail.id, savedId, content)
        : await createCaseRecord(caseDetail.id, {
            kind,
            content,
            amendsRecordId: edit.mode === 'amend' ? edit.record.id : undefined,
          });
      setSavedId(saved.id);
      return submit ? submitCaseRecord(caseDetail.id, saved.id) : saved;
    },
    onSuccess: (record) => {
      changed(caseDetail.id);
      message.success(record.status === 'submitted' ? t('cases.records.submitted') : t('cases.records.savedDraft'));
      onDone();
    },
    onError: (error) => {
      changed(caseDetail.id);
      setErrors(applyServerErrors(form, error, contentFieldMap(kind, scale)));
    },
  });

  const run = async (submit: boolean) => {
    try {
      const values = await form.validateFields();
      setErrors(null);
      mutation.mutate({ values, submit });
    } catch {
      // The form shows what is missing under each field.
    }
  };

  return (
    <>
      {edit.mode === 'amend' ? (
        <Alert
          type="info"
          showIcon
          className="sg-form-alert"
          title={t('cases.records.amendIntro', { ref: recordRef(edit.record.id) })}
        />
      ) : null}
      {edit.mode === 'edit' && edit.record.status === 'returned' && edit.record.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          className="sg-form-alert"
          title={t('cases.records.returnedWith', { comment: edit.record.reviewComment })}
        />
      ) : null}
      <FormErrorAlert messages={errors} />
      <Form<RecordValues>
        form={form}
        name={`case-record-${kind}`}
        layout="vertical"
        initialValues={start}
        onFinish={() => void run(true)}
        data-testid="record-form"
        data-kind={kind}
      >
        <RecordFields kind={kind} planned={!!plan} />
        <Space wrap className="sg-case-form-actions">
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => void run(true)}
            data-testid="record-submit"
          >
            {t('cases.records.saveAndSubmit')}
          </Button>
          <Button loading={mutation.isPending} onClick={() => void run(false)} data-testid="record-save-draft">
            {t('cases.records.saveDraft')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** The record form in a drawer, the full width of a phone's screen. */
export function RecordDrawer({
  caseDetail,
  edit,
  onClose,
}: {
  caseDetail: CaseDetail;
  edit: RecordEdit | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const vocabulary = useCaseVocabulary();
  const title = edit
    ? t(`cases.records.${edit.mode}Title`, {
        kind: vocabulary.kind(kindOf(edit)),
        ref: edit.mode === 'create' ? '' : recordRef(edit.record.id),
      })
    : '';
  return (
    <Drawer open={edit !== null} onClose={onClose} title={title} size={isMobile ? '100%' : 640} destroyOnHidden>
      {edit ? <RecordForm caseDetail={caseDetail} edit={edit} onDone={onClose} /> : null}
    </Drawer>
  );
}
