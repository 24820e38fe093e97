import type { FormInstance } from 'antd';
import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BID_STATUS_NAMES,
  type BidStatus,
  CALL_STATUS_NAMES,
  type CallStatus,
} from '../../../../contracts/api/procurement';
import type { CredentialLevel } from '../../../../contracts/taxonomy';
import { isApiError } from '../../api/client';
import { applyServerErrors, type FieldPath } from '../../components/serverErrors';

const CALL_STYLES: Record<CallStatus, CSSProperties> = {
  open: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  closed: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  awarded: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  cancelled: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

const BID_STYLES: Record<BidStatus, CSSProperties> = {
  submitted: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  withdrawn: { color: '#434343', background: '#fafafa', borderColor: '#bfbfbf', borderStyle: 'dashed' },
  awarded: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  not_awarded: { color: '#434343', background: '#f0f0f0', borderColor: '#8c8c8c' },
};

export function CallStatusTag({ status }: { status: CallStatus }) {
  const { i18n } = useTranslation();
  const name = CALL_STATUS_NAMES[status];
  return (
    <Tag style={CALL_STYLES[status]} data-status={status}>
      {i18n.language === 'en' ? name.en : name.zh}
    </Tag>
  );
}

export function BidStatusTag({ status }: { status: BidStatus }) {
  const { i18n } = useTranslation();
  const name = BID_STATUS_NAMES[status];
  return (
    <Tag style={BID_STYLES[status]} data-status={status}>
      {i18n.language === 'en' ? name.en : name.zh}
    </Tag>
  );
}

/** `何彤雪（社会工作师）`. */
export function useWorkerLabel() {
  const { t } = useTranslation();
  return (name: string, level: CredentialLevel | null) =>
    `${name}（${level ? t(`credentialLevels.${level}`) : t('credentialLevels.none')}）`;
}

/** Milliseconds left until `deadline`, ticking every second (0 once it has passed). */
export function useRemaining(deadline: string): number {
  const target = Date.parse(deadline);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => {
      const next = Date.now();
      setNow(next);
      if (next >= target) window.clearInterval(id);
    }, 1000);
    return () => window.clearInterval(id);
  }, [target]);
  return Math.max(0, target - now);
}

/** `2 天 03 小时 04 分 05 秒` / `03:04:05`. */
export function Countdown({ deadline, onPassed }: { deadline: string; onPassed?: () => void }) {
  const { t } = useTranslation();
  const remaining = useRemaining(deadline);
  const fired = useRef(false);
  useEffect(() => {
    if (remaining === 0 && !fired.current) {
      fired.current = true;
      onPassed?.();
    }
  }, [remaining, onPassed]);
  if (remaining === 0) return <span data-testid="bid-countdown">{t('procurement.call.deadlinePassed')}</span>;
  const total = Math.floor(remaining / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(total / 86_400);
  const parts = {
    d: days,
    h: pad(Math.floor((total % 86_400) / 3600)),
    m: pad(Math.floor((total % 3600) / 60)),
    s: pad(total % 60),
  };
  return (
    // A timer, not a live region: announcing every second would drown everything else out.
    <span role="timer" aria-live="off" data-testid="bid-countdown">
      {t(days > 0 ? 'procurement.call.countdownDays' : 'procurement.call.countdown', parts)}
    </span>
  );
}

/**
 * Server errors onto a form, with refusals that carry no field (e.g. `project.over_budget`) put on the field they
 * are about. Returns the messages left for the alert above the form.
 */
export function applyProcurementErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldMap: Record<string, FieldPath>,
  codeFields: Record<string, FieldPath> = {},
): string[] {
  if (isApiError(error)) {
    const name = codeFields[error.code];
    if (name) {
      form.setFields([{ name, errors: [error.message] }] as Parameters<FormInstance<T>['setFields']>[0]);
      return [];
    }
  }
  return applyServerErrors(form, error, fieldMap);
}
