import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext } from 'react-router';
import type { ConsoleOutletContext } from '../../app/ConsoleLayout';
import { NAV_ITEMS } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { formatDateTime, shanghaiHour } from '../../components/format';
import { usePageTitle } from '../../components/usePageTitle';
import { useDivisions } from '../divisions/divisions';

function greetingKey(hour: number) {
  if (hour >= 5 && hour < 12) return 'home.morning' as const;
  if (hour >= 12 && hour < 18) return 'home.afternoon' as const;
  return 'home.evening' as const;
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { openChangePassword } = useOutletContext<ConsoleOutletContext>();
  const divisions = useDivisions();
  usePageTitle(t('nav.home'));

  const byCode = divisions.data?.byCode;
  const prefixes = me.scope.divisionPrefixes;
  const scopeOrgNames = me.scope.organizationIds.map(
    (id) => me.memberships.find((m) => m.organizationId === id)?.organizationName ?? id,
  );
  const quickLinks = NAV_ITEMS.filter((item) => item.key !== 'home' && hasAnyRole(me, item.roles));

  return (
    <>
      <div className="sg-page-header">
        <div className="sg-page-header-text">
          <Typography.Title level={1} className="sg-page-title">
            {t(greetingKey(shanghaiHour()), { name: me.user.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('home.welcome')} {t('home.sessionExpiresAt', { time: formatDateTime(me.session.expiresAt) })}
          </Typography.Paragraph>
        </div>
      </div>

      <div className="sg-card-grid">
        <Card title={<h2 className="sg-card-title">{t('home.memberships')}</h2>}>
          {me.memberships.length === 0 ? (
            <Empty description={t('home.noMemberships')} />
          ) : (
            <ul className="sg-plain-list sg-membership-list">
              {me.memberships.map((m) => (
                <li key={m.id}>
                  <div className="sg-membership-main">
                    <span className="sg-membership-org">{m.organizationName}</span>
                    <Tag color="blue">{t(`roles.${m.role}`)}</Tag>
                  </div>
                  <Typography.Text type="secondary">
                    {t(`orgKinds.${m.organizationKind}`)} · {t('home.division')}：{m.divisionName}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={<h2 className="sg-card-title">{t('home.scope')}</h2>}>
          {prefixes.length > 0 ? (
            <>
              <Typography.Paragraph>{t('home.scopeDivisions')}</Typography.Paragraph>
              <ul className="sg-plain-list sg-scope-list">
                {prefixes.map((p) => {
                  const d = byCode?.get(p);
                  return (
                    <li key={p}>
                      <Tag color="geekblue">
                        {d ? `${d.name} · ${t(`levels.${d.level}`)}` : p}
                        <span className="sg-division-code"> {p}</span>
                      </Tag>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
          {scopeOrgNames.length > 0 ? (
            <>
              <Typography.Paragraph>{t('home.scopeOrganizations')}</Typography.Paragraph>
              <ul className="sg-plain-list sg-scope-list">
                {scopeOrgNames.map((name, i) => (
                  <li key={me.scope.organizationIds[i]}>
                    <Tag>{name}</Tag>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {prefixes.length === 0 && scopeOrgNames.length === 0 ? <Empty description={t('home.scopeNone')} /> : null}
        </Card>

        <Card title={<h2 className="sg-card-title">{t('home.quickLinks')}</h2>}>
          <div className="sg-quick-links">
            {quickLinks.map((item) => (
              <Button
                key={item.key}
                icon={item.icon}
                href={item.path}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(item.path);
                }}
              >
                {t(`nav.${item.key}`)}
              </Button>
            ))}
            <Button icon={<LockOutlined />} onClick={openChangePassword}>
              {t('userMenu.changePassword')}
            </Button>
          </div>
        </Card>
      </div>
    </>
  );
}
