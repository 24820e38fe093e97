import { type RevealField, revealWorkerField } from '../../api/endpoints';
import { RevealableField } from '../registry/RevealableField';

/** A worker's masked 身份证号 or mobile with the audited 查看 action (see RevealableField). */
export function RevealableValue({
  workerId,
  field,
  masked,
  canReveal,
}: {
  workerId: string;
  field: RevealField;
  masked: string | null;
  canReveal: boolean;
}) {
  return (
    <RevealableField
      field={field}
      masked={masked}
      canReveal={canReveal}
      reveal={(body) => revealWorkerField(workerId, body)}
    />
  );
}
