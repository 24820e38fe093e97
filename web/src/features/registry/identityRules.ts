import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { idNumberProblem, normalizeMobile } from '../../../../contracts/identifiers';

/**
 * Form rules for a 身份证号 and a mobile number, shared by every form that takes them. They only give early hints
 * with the same check functions the server uses; the server decides.
 */
export function useIdentityRules() {
  const { t } = useTranslation();
  const idNumber: Rule[] = [
    { required: true, whitespace: true, message: t('registerWorker.idNumberRequired') },
    {
      validator: (_rule, value: string | undefined) => {
        const problem = value ? idNumberProblem(value) : null;
        return problem ? Promise.reject(new Error(t(`registerWorker.idProblem.${problem}`))) : Promise.resolve();
      },
    },
  ];
  const mobile: Rule[] = [
    {
      validator: (_rule, value: string | undefined) =>
        !value?.trim() || normalizeMobile(value)
          ? Promise.resolve()
          : Promise.reject(new Error(t('registerWorker.mobileInvalid'))),
    },
  ];
  return { idNumber, mobile };
}

/** A typed mobile as sent to the server: normalized when valid (the server reports it otherwise), absent when empty. */
export function mobileForServer(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? (normalizeMobile(trimmed) ?? trimmed) : undefined;
}
