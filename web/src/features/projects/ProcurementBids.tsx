import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Bid, type BidList, type ProcurementCall, type ProjectDetail, scoreBid } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatFen } from '../../components/format';
import { formatScore } from '../evaluations/evaluationBits';
import { BidDetails } from './ProcurementMyBid';
import { applyProcurementErrors, BidStatusTag, Countdown, useWorkerLabel } from './procurementBits';
import { TableEmpty } from './projectBits';

interface ScoreValues {
  score: number | null;
  comment: string;
}

/** 评标打分: one score (0–100, two decimals) per panel member per bid; a second one replaces the first. */
function ScoreModal({
  project,
  bid,
  onClose,
  onScored,
}: {
  project: ProjectDetail;
  bid: Bid | null;
  onClose: () => void;
  onScored: (next: Bid) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ScoreValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const mine = bid?.scores?.find((s) => s.scorerUserId === me.user.id);
  const mutation = useMutation({
    mutationFn: (v: ScoreValues) =>
      scoreBid(project.id, bid?.id ?? '', { score: v.score ?? 0, comment: (v.comment ?? '').trim() }),
    onSuccess: (next) => {
      setErrors(null);
      onScored(next);
    },
    onError: (error) => setErrors(applyProcurementErrors(form, error, { score: ['score'], comment: ['comment'] })),
  });
  const close = () => {
    setErrors(null);
    onClose();
  };
  return (
    <Modal
      open={bid !== null}
      title={t('procurement.score.title', { agency: bid?.agencyName ?? '' })}
      okText={t('procurement.score.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <FormErrorAlert messages={errors} />
      <Form<ScoreValues>
        form={form}
        name="bid-score"
        layout="vertical"
        preserve={false}
        initialValues={{ score: mine?.score ?? null, comment: mine?.comment ?? '' }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="score"
          label={t('procurement.score.score')}
          extra={t('procurement.score.scoreHint')}
          rules={[{ required: true, message: t('procurement.score.scoreRequired') }]}
        >
          <InputNumber<number>
            min={0}
            max={100}
            precision={2}
            step={1}
            inputMode="decimal"
            className="sg-full-width"
            data-testid="bid-score-input"
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('procurement.score.comment')}
          rules={[{ max: 2000, message: t('procurement.call.textMax', { max: 2000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="bid-score-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 开标与评标: the purchasing side sees nothing of the bids before the deadline (sealed), then every bid with the
 * panel's scores and their average, scores them and awards one.
 */
export function ProcurementBids({
  project,
  call,
  list,
  onChanged,
  onAward,
  onDeadline,
}: {
  project: ProjectDetail;
  call: ProcurementCall;
  list: BidList;
  onChanged: () => void;
  onAward: (bid: Bid) => void;
  onDeadline: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const workerLabel = useWorkerLabel();
  const [scoring, setScoring] = useState<Bid | null>(null);

  if (list.sealed)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="bids-sealed"
        title={t('procurement.bids.sealed')}
        description={
          <span>
            {t('procurement.bids.opensIn')} <Countdown deadline={list.bidDeadline} onPassed={onDeadline} />
          </span>
        }
      />
    );

  return (
    <section aria-labelledby="procurement-bids-title" data-testid="bids">
      <Typography.Title level={2} className="sg-section-title" id="procurement-bids-title">
        {t('procurement.bids.title', { n: list.bids.length })}
      </Typography.Title>
      {call.can.score ? (
        <Typography.Paragraph type="secondary">{t('procurement.bids.scoreHint')}</Typography.Paragraph>
      ) : null}
      <Table<Bid>
        rowKey="id"
        size="small"
        dataSource={list.bids}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <TableEmpty text={t('procurement.bids.empty')} /> }}
        expandable={{
          expandedRowRender: (b) => <BidDetails bid={b} />,
          columnTitle: <span className="sg-visually-hidden">{t('procurement.bids.details')}</span>,
        }}
        onRow={(b) => ({ 'data-testid': 'bid-row', 'data-agency': b.agencyName }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('procurement.bids.agency'),
            key: 'agency',
            render: (_: unknown, b) => <span className="sg-cell-wrap">{b.agencyName}</span>,
          },
          {
            title: t('procurement.bid.price'),
            key: 'price',
            align: 'right',
            className: 'sg-nowrap',
            render: (_: unknown, b) => formatFen(b.priceFen),
          },
          {
            title: t('procurement.bids.leadAndTeam'),
            key: 'lead',
            render: (_: unknown, b) => (
              <span className="sg-cell-wrap">
                {workerLabel(b.leadWorkerName, b.leadLevel)}
                <br />
                <span className="sg-muted">
                  {t('procurement.bids.teamSize')} {t('procurement.bids.people', { n: b.members.length + 1 })}
                </span>
              </span>
            ),
          },
          {
            title: t('procurement.bids.scores'),
            key: 'scores',
            render: (_: unknown, b) =>
              b.scores && b.scores.length > 0 ? (
                <ul className="sg-plain-list sg-cell-wrap">
                  {b.scores.map((s) => (
                    <li key={s.scorerUserId}>
                      {s.scorerName}：{formatScore(s.score)}
                    </li>
                  ))}
                </ul>
              ) : (
                t('procurement.bids.noScores')
              ),
          },
          {
            title: t('procurement.bids.average'),
            key: 'average',
            align: 'right',
            render: (_: unknown, b) => <strong data-testid="bid-average">{formatScore(b.averageScore)}</strong>,
          },
          {
            title: t('procurement.bid.status'),
            key: 'status',
            render: (_: unknown, b) => <BidStatusTag status={b.status} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, b) =>
              b.status === 'submitted' && (call.can.score || call.can.award) ? (
                <Space wrap size={4}>
                  {call.can.score ? (
                    <Button size="small" onClick={() => setScoring(b)} data-testid="bid-score">
                      {b.myScore === null ? t('procurement.score.open') : t('procurement.score.change')}
                    </Button>
                  ) : null}
                  {call.can.award ? (
                    <Button size="small" type="primary" onClick={() => onAward(b)} data-testid="bid-award">
                      {t('procurement.award.open')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      <ScoreModal
        project={project}
        bid={scoring}
        onClose={() => setScoring(null)}
        onScored={() => {
          message.success(t('procurement.score.saved'));
          setScoring(null);
          onChanged();
        }}
      />
    </section>
  );
}
