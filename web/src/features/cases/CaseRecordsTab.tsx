import { CheckOutlined, EditOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STAGES, type CaseStage, type RecordKind } from '../../../../contracts/api/cases';
import {
  approveCaseRecord,
  type CaseDetail,
  type CaseRecord,
  returnCaseRecord,
  submitCaseRecord,
} from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { sameNamedFields } from '../../components/serverErrors';
import { RecordStatusTag, recordRef, STAGE_RECORD_KINDS, useCaseVocabulary } from './caseBits';
import { RecordContent } from './RecordContent';
import { RecordDrawer, type RecordEdit, useCaseChanged } from './RecordDrawer';

type Decision = 'approve' | 'return';
const UNFINISHED = new Set(['draft', 'submitted', 'returned']);

/** 通过 / 退回 by the case's supervisor; returning asks what to change. */
function ReviewModal({
  caseDetail,
  review,
  onClose,
}: {
  caseDetail: CaseDetail;
  review: { record: CaseRecord; decision: Decision } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const vocabulary = useCaseVocabulary();
  const changed = useCaseChanged();
  const decision = review?.decision ?? 'approve';
  const kind = review ? vocabulary.kind(review.record.kind) : '';
  return (
    <FormModal<{ comment?: string }, CaseRecord>
      open={review !== null}
      onClose={onClose}
      title={t(`cases.review.${decision}Title`, { kind, ref: review ? recordRef(review.record.id) : '' })}
      okText={t(`cases.review.${decision}`)}
      danger={decision === 'return'}
      name={`case-review-${decision}`}
      submit={({ comment }) =>
        decision === 'approve'
          ? approveCaseRecord(caseDetail.id, review!.record.id, comment?.trim() ?? '')
          : returnCaseRecord(caseDetail.id, review!.record.id, comment?.trim() ?? '')
      }
      onSuccess={() => {
        changed(caseDetail.id);
        message.success(t(`cases.review.${decision}Done`, { kind }));
      }}
      fieldMap={sameNamedFields('comment')}
    >
      <Form.Item
        name="comment"
        label={t('cases.review.comment')}
        rules={
          decision === 'return'
            ? [{ required: true, whitespace: true, message: t('cases.review.commentRequired') }]
            : []
        }
        extra={decision === 'return' ? t('cases.review.returnHint') : undefined}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="review-comment" />
      </Form.Item>
    </FormModal>
  );
}

function RecordCard({
  caseDetail,
  record,
  onEdit,
  onReview,
}: {
  caseDetail: CaseDetail;
  record: CaseRecord;
  onEdit: (edit: RecordEdit) => void;
  onReview: (record: CaseRecord, decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const vocabulary = useCaseVocabulary();
  const changed = useCaseChanged();
  const submit = useMutation({
    mutationFn: () => submitCaseRecord(caseDetail.id, record.id),
    onSuccess: () => message.success(t('cases.records.submitted')),
    onError: (error) => message.error(error instanceof Error ? error.message : t('errors.unexpected')),
    onSettled: () => changed(caseDetail.id),
  });
  const { writeRecords, review } = caseDetail.can;
  const editable = record.status === 'draft' || record.status === 'returned';
  // One amendment at a time: an approved record with a pending amendment is amended through that one.
  const pendingAmendment = caseDetail.records.some((r) => r.amendsRecordId === record.id && UNFINISHED.has(r.status));
  const amendable = record.status === 'approved' && !record.amendedByRecordId && !pendingAmendment;

  return (
    <article
      id={`record-${record.id}`}
      className="sg-case-record"
      data-testid="case-record"
      data-kind={record.kind}
      data-status={record.status}
      aria-labelledby={`record-${record.id}-title`}
    >
      <header className="sg-case-record-header">
        <h3 id={`record-${record.id}-title`} className="sg-case-record-title">
          {vocabulary.kind(record.kind)} <span className="sg-mono sg-muted">{recordRef(record.id)}</span>
        </h3>
        <RecordStatusTag status={record.status} />
        {record.amendsRecordId ? (
          <a href={`#record-${record.amendsRecordId}`} data-testid="record-amends">
            {t('cases.records.amends', { ref: recordRef(record.amendsRecordId) })}
          </a>
        ) : null}
        {record.amendedByRecordId ? (
          <a href={`#record-${record.amendedByRecordId}`} data-testid="record-amended-by">
            {t('cases.records.amendedBy', { ref: recordRef(record.amendedByRecordId) })}
          </a>
        ) : null}
      </header>
      <div className="sg-muted sg-case-record-meta">
        {t('cases.records.createdAt', { at: formatDateTime(record.createdAt) })}
        {record.submittedAt ? ` · ${t('cases.records.submittedAt', { at: formatDateTime(record.submittedAt) })}` : ''}
        {record.reviewedAt ? ` · ${t('cases.records.reviewedAt', { at: formatDateTime(record.reviewedAt) })}` : ''}
      </div>
      <RecordContent record={record} />
      {record.reviewComment ? (
        <div className="sg-case-review-comment" data-testid="record-review-comment">
          <Typography.Text strong>{t('cases.records.reviewComment')}</Typography.Text>
          <span className="sg-pre-line">{record.reviewComment}</span>
        </div>
      ) : null}
      <div className="sg-case-record-actions">
        {writeRecords && editable ? (
          <>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => onEdit({ mode: 'edit', record })}
              data-testid="record-edit"
            >
              {t('cases.records.edit')}
            </Button>
            <Button
              size="small"
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              onClick={() => submit.mutate()}
              data-testid="record-submit-now"
            >
              {t('cases.records.submit')}
            </Button>
          </>
        ) : null}
        {review && record.status === 'submitted' ? (
          <>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => onReview(record, 'approve')}
              data-testid="record-approve"
            >
              {t('cases.review.approve')}
            </Button>
            <Button
              size="small"
              danger
              icon={<RollbackOutlined />}
              onClick={() => onReview(record, 'return')}
              data-testid="record-return"
            >
              {t('cases.review.return')}
            </Button>
          </>
        ) : null}
        {writeRecords && amendable ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => onEdit({ mode: 'amend', record })}
            data-testid="record-amend"
          >
            {t('cases.records.amend')}
          </Button>
        ) : null}
      </div>
    </article>
  );
}

/**
 * The stage records, grouped by the stage they belong to, newest stage first. The case worker writes the current
 * stage's record(s); the supervisor approves or returns what was submitted; an approved record is changed only by an
 * amending record, which is reviewed again.
 */
export function CaseRecordsTab({ caseDetail }: { caseDetail: CaseDetail }) {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const [edit, setEdit] = useState<RecordEdit | null>(null);
  const [review, setReview] = useState<{ record: CaseRecord; decision: Decision } | null>(null);
  const current = caseDetail.stage;
  // New records of a kind wait while one of that kind is still in the works in this stage (a session excepted: the
  // intervention takes as many as there are sessions).
  const newKinds: RecordKind[] = caseDetail.can.writeRecords
    ? STAGE_RECORD_KINDS[current].filter(
        (kind) =>
          kind === 'session' ||
          !caseDetail.records.some(
            (r) => r.kind === kind && r.stage === current && !r.amendsRecordId && UNFINISHED.has(r.status),
          ),
      )
    : [];
  const stages = [...CASE_STAGES]
    .reverse()
    .filter((s: CaseStage) => (s === current && newKinds.length > 0) || caseDetail.records.some((r) => r.stage === s));

  return (
    <div className="sg-stack" data-testid="case-records">
      {stages.length === 0 ? <Empty description={t('cases.records.noneYet')} /> : null}
      {stages.map((stage) => {
        const records = caseDetail.records.filter((r) => r.stage === stage).reverse();
        return (
          <section key={stage} className="sg-case-stage" data-testid={`case-stage-${stage}`}>
            <div className="sg-case-stage-header">
              <h2 className="sg-case-stage-title">{vocabulary.stage(stage)}</h2>
              {stage === current
                ? newKinds.map((kind) => (
                    <Button
                      key={kind}
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setEdit({ mode: 'create', kind })}
                      data-testid={`record-new-${kind}`}
                    >
                      {t('cases.records.new', { kind: vocabulary.kind(kind) })}
                    </Button>
                  ))
                : null}
            </div>
            {records.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.records.none')} />
            ) : (
              records.map((r) => (
                <RecordCard
                  key={r.id}
                  caseDetail={caseDetail}
                  record={r}
                  onEdit={setEdit}
                  onReview={(record, decision) => setReview({ record, decision })}
                />
              ))
            )}
          </section>
        );
      })}
      <RecordDrawer caseDetail={caseDetail} edit={edit} onClose={() => setEdit(null)} />
      <ReviewModal caseDetail={caseDetail} review={review} onClose={() => setReview(null)} />
    </div>
  );
}
