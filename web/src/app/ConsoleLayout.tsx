import {
  CheckOutlined,
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { useIsMobile } from '../components/useMediaQuery';
import { currentLanguage, isLanguage, LANGUAGES, setLanguage } from '../i18n';
import { activeNavKey, CONSOLE_ROOT, NAV_ITEMS, type NavKey, navItem } from './navigation';
import { hasAnyRole, signOut, useMe } from './session';

const ChangePasswordModal = lazy(() => import('../components/ChangePasswordModal'));

/** What console pages can ask of the shell (via `useOutletContext`). */
export interface ConsoleOutletContext {
  openChangePassword: () => void;
}

const MAIN_ID = 'main-content';

export function ConsoleLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [passwordLoaded, setPasswordLoaded] = useState(false);

  // Close the phone menu after navigating or when the screen grows past phone width.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change on purpose
  useEffect(() => setDrawerOpen(false), [location.pathname, isMobile]);

  const openChangePassword = () => {
    setPasswordLoaded(true);
    setPasswordOpen(true);
  };

  const selected = activeNavKey(location.pathname);
  const menuItems: MenuProps['items'] = NAV_ITEMS.filter((item) => hasAnyRole(me, item.roles)).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: t(`nav.${item.key}`),
  }));

  const nav = (
    <nav aria-label={t('nav.main')}>
      <Menu
        mode="inline"
        items={menuItems}
        selectedKeys={selected ? [selected] : []}
        inlineCollapsed={isMobile ? false : collapsed}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(navItem(key as NavKey).path);
        }}
        className="sg-nav-menu"
      />
    </nav>
  );

  const language = currentLanguage();
  const userMenu: MenuProps = {
    items: [
      {
        key: 'language',
        type: 'group',
        label: t('userMenu.language'),
        children: LANGUAGES.map((lng) => ({
          key: `lang:${lng}`,
          label: t(`lang.${lng}`),
          icon: lng === language ? <CheckOutlined aria-hidden /> : <span className="sg-menu-icon-space" aria-hidden />,
        })),
      },
      { type: 'divider' },
      { key: 'password', icon: <LockOutlined aria-hidden />, label: t('userMenu.changePassword') },
      { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('userMenu.logout') },
    ],
    onClick: ({ key }) => {
      if (key.startsWith('lang:')) {
        const lng = key.slice('lang:'.length);
        if (isLanguage(lng)) void setLanguage(lng);
      } else if (key === 'password') {
        openChangePassword();
      } else if (key === 'logout') {
        void signOut();
      }
    },
  };

  const toggleLabel = isMobile ? t('nav.openMenu') : collapsed ? t('nav.expandSider') : t('nav.collapseSider');
  const toggleIcon = isMobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />;

  return (
    <Layout className="sg-shell">
      <a
        className="sg-skip-link"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          e.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="sg-header">
        <Button
          type="text"
          icon={toggleIcon}
          aria-label={toggleLabel}
          aria-expanded={isMobile ? drawerOpen : !collapsed}
          onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
          className="sg-header-toggle"
        />
        <Link to={CONSOLE_ROOT} className="sg-brand">
          <span className="sg-brand-name">{t('app.name')}</span>
          <span className="sg-brand-tagline">{t('app.tagline')}</span>
        </Link>
        <div className="sg-header-spacer" />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight" autoFocus>
          <Button
            type="text"
            className="sg-user-button"
            aria-label={t('userMenu.label', { name: me.user.displayName })}
            aria-haspopup="menu"
          >
            <UserOutlined aria-hidden />
            <span data-testid="current-user" className="sg-user-name">
              {me.user.displayName}
            </span>
            <DownOutlined aria-hidden className="sg-user-caret" />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={t('app.name')}
            className="sg-nav-drawer"
            styles={{ body: { padding: 0 } }}
          >
            {nav}
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={220}
            collapsedWidth={64}
            collapsible
            collapsed={collapsed}
            trigger={null}
            className="sg-sider"
          >
            {nav}
          </Layout.Sider>
        )}
        <Layout className="sg-main-column">
          <Layout.Content id={MAIN_ID} tabIndex={-1} className="sg-content">
            <Suspense fallback={<FullPageSpin inline />}>
              <Outlet context={{ openChangePassword } satisfies ConsoleOutletContext} />
            </Suspense>
          </Layout.Content>
          <Layout.Footer className="sg-footer">{t('app.footer')}</Layout.Footer>
        </Layout>
      </Layout>
      {passwordLoaded ? (
        <Suspense fallback={null}>
          <ChangePasswordModal open={passwordOpen} username={me.user.username} onClose={() => setPasswordOpen(false)} />
        </Suspense>
      ) : null}
    </Layout>
  );
}
