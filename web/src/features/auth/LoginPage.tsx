import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { login } from '../../api/endpoints';
import { PUBLIC_PROJECTS_PATH, safeRedirect } from '../../app/navigation';
import type { LoginNotice } from '../../app/RequireAuth';
import { setSignedIn, useAuthState } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyServerErrors } from '../../components/serverErrors';
import { usePageTitle } from '../../components/usePageTitle';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const auth = useAuthState();
  const location = useLocation();
  const [params] = useSearchParams();
  const target = safeRedirect(params.get('redirect'));
  const [form] = Form.useForm<Values>();
  const [submitted, setSubmitted] = useState(false);

  const mutation = useMutation({
    mutationFn: (values: Values) => login({ username: values.username.trim(), password: values.password }),
    onSuccess: (me) => setSignedIn(me),
    onError: (error) => {
      applyServerErrors(form, error, { username: ['username'], password: ['password'] });
    },
  });

  if (auth.data?.status === 'signedIn') return <Navigate to={target} replace />;

  const stateNotice = (location.state as { notice?: LoginNotice } | null)?.notice;
  const notice: LoginNotice | undefined =
    stateNotice ?? (auth.data?.status === 'signedOut' && auth.data.reason === 'expired' ? 'expired' : undefined);

  const error = mutation.error;
  const blocked = isApiError(error) && error.status === 429;

  return (
    <div className="sg-login">
      <header className="sg-login-top">
        <LanguageSwitch />
      </header>
      <main className="sg-login-main">
        <div className="sg-login-card">
          <div className="sg-login-brand">
            <h1>{t('app.name')}</h1>
            <p>
              {t('app.altName')} · {t('app.tagline')}
            </p>
          </div>
          <Card title={<h2 className="sg-login-card-title">{t('login.title')}</h2>}>
            {!submitted && notice === 'expired' ? (
              <Alert type="warning" showIcon role="alert" title={t('login.sessionExpired')} className="sg-form-alert" />
            ) : null}
            {!submitted && notice === 'loggedOut' ? (
              <Alert type="success" showIcon role="status" title={t('login.loggedOut')} className="sg-form-alert" />
            ) : null}
            {blocked ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                className="sg-form-alert sg-login-blocked"
                title={error.message}
                data-testid="login-error"
              />
            ) : error ? (
              <div data-testid="login-error">
                <FormErrorAlert messages={[error.message]} />
              </div>
            ) : null}
            <Form<Values>
              form={form}
              name="login"
              layout="vertical"
              requiredMark={false}
              disabled={mutation.isPending}
              onFinish={(values) => {
                setSubmitted(true);
                mutation.mutate(values);
              }}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  data-testid="login-username"
                  prefix={<UserOutlined aria-hidden />}
                  placeholder={t('login.usernamePlaceholder')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={64}
                  autoFocus
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  data-testid="login-password"
                  prefix={<LockOutlined aria-hidden />}
                  placeholder={t('login.passwordPlaceholder')}
                  autoComplete="current-password"
                  maxLength={128}
                />
              </Form.Item>
              <Form.Item style={{ marginBottom: 8 }}>
                <Button
                  type="primary"
                  htmlType="submit"
                  block
                  size="large"
                  loading={mutation.isPending}
                  data-testid="login-submit"
                >
                  {t('login.submit')}
                </Button>
              </Form.Item>
            </Form>
            <p className="sg-login-hint">{t('login.hint')}</p>
          </Card>
        </div>
      </main>
      <footer className="sg-login-footer">
        <div>
          <Link to={PUBLIC_PROJECTS_PATH} data-testid="public-projects-link">
            {t('publicProjects.loginLink')}
          </Link>
        </div>
        <div>{t('app.footer')}</div>
      </footer>
    </div>
  );
}
