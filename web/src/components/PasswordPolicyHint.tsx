import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { brokenPasswordRules, PASSWORD_RULES, type PasswordRule } from './passwordPolicy';

const RULE_TEXT = {
  length: 'password.ruleLength',
  classes: 'password.ruleClasses',
  contains_username: 'password.ruleUsername',
} as const satisfies Record<PasswordRule, string>;

/** Live checklist of the password policy under a new-password field. */
export function PasswordPolicyHint({ password, username }: { password: string | undefined; username: string }) {
  const { t } = useTranslation();
  const value = password ?? '';
  const broken = new Set(brokenPasswordRules(value, username));
  return (
    <div className="sg-policy">
      <div className="sg-policy-title">{t('password.policyTitle')}</div>
      <ul className="sg-plain-list">
        {PASSWORD_RULES.map((rule) => {
          const state = value === '' ? 'idle' : broken.has(rule) ? 'fail' : 'ok';
          return (
            <li key={rule} className={`sg-policy-rule sg-policy-${state}`}>
              {state === 'ok' ? (
                <CheckCircleFilled aria-hidden />
              ) : state === 'fail' ? (
                <CloseCircleFilled aria-hidden />
              ) : (
                <InfoCircleOutlined aria-hidden />
              )}
              <span>{t(RULE_TEXT[rule])}</span>
              {state !== 'idle' ? (
                <span className="sg-visually-hidden">
                  {`（${state === 'ok' ? t('password.ruleMet') : t('password.ruleNotMet')}）`}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function ruleText(rule: PasswordRule): (typeof RULE_TEXT)[PasswordRule] {
  return RULE_TEXT[rule];
}
