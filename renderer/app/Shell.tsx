import { SyncIndicator } from '../features/office/SyncIndicator';
import { AppShell, Button, Divider, Group, Menu, Modal, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBooks,
  IconBuildingCommunity,
  IconChartBar,
  IconChevronDown,
  IconClipboardList,
  IconDatabase,
  IconFileCertificate,
  IconForms,
  IconArrowsDiff,
  IconHistory,
  IconHome,
  IconKey,
  IconLanguage,
  IconListCheck,
  IconMoodSmile,
  IconListDetails,
  IconLock,
  IconLogout,
  IconMail,
  IconMessageQuestion,
  IconMessageReport,
  IconSchool,
  IconSearch,
  IconSettings,
  IconUserCircle,
  IconUserPlus,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/use-call';
import { useLocation } from 'wouter';
import type { Language } from '../../electron/api/app';
import { useApi } from '../api/context';
import { LeaveDialog } from '../components/LeaveDialog';
import { Shortcut } from '../components/Shortcut';
import { SearchOverlay } from '../features/search/SearchOverlay';
import { ChangePasswordForm } from '../features/session/ChangePasswordPage';
import { useSession } from '../features/session/session-context';
import { useApplyLanguage } from '../i18n/use-language';
import { byPhysicalKey } from './hotkeys';
import { mayLeave } from './leave-guard';

interface ShellActions {
  openSearch: () => void;
}

const ShellContext = createContext<ShellActions>({ openSearch: () => undefined });

/** Lets any screen open the search box, as the shortcut does. */
export const useShell = (): ShellActions => useContext(ShellContext);

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const applyLanguage = useApplyLanguage();
  const [location, navigate] = useLocation();
  const [searchOpen, setSearchOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const lockNow = useCallback(() => {
    setSearchOpen(false);
    void session.lock();
  }, [session]);
  const go = useCallback(
    (path: string) => {
      void mayLeave().then((leave) => {
        if (leave) navigate(path);
      });
    },
    [navigate],
  );
  const openSearch = useCallback(() => setSearchOpen(true), []);

  // Search and the Alt shortcuts answer from everywhere, even from inside a form field
  // (they type nothing); "/" only where it is not being typed.
  useHotkeys(
    byPhysicalKey([
      ['mod+K', openSearch],
      ['alt+N', () => go('/beneficiaries/new')],
      ['alt+L', () => go('/beneficiaries')],
      ['alt+H', () => go('/')],
      ['alt+G', () => go('/programs')],
      ['alt+D', () => go('/documents')],
      // Locking needs no question about unsaved work: the form is kept behind the lock screen.
      ['mod+shift+L', lockNow],
    ]),
    [],
  );
  useHotkeys([['/', openSearch]]);

  const switchLanguage = async () => {
    const next: Language = i18n.language === 'ar' ? 'en' : 'ar';
    await api['preferences.setLanguage']({ language: next });
    await applyLanguage(next);
  };
  const user = session.state.user;
  const office = useCall('office.status', {});

  const actions = useMemo(() => ({ openSearch }), [openSearch]);
  const nav = [
    { to: '/', label: t('nav.home'), icon: IconHome, shortcut: 'Alt+H' },
    { to: '/beneficiaries', label: t('nav.beneficiaries'), icon: IconUsers, shortcut: 'Alt+L' },
    { to: '/beneficiaries/new', label: t('nav.register'), icon: IconUserPlus, shortcut: 'Alt+N' },
    { to: '/requests', label: t('nav.requests'), icon: IconClipboardList },
    { to: '/inquiries', label: t('nav.inquiries'), icon: IconMessageQuestion },
    { to: '/complaints', label: t('nav.complaints'), icon: IconMessageReport },
    { to: '/programs', label: t('programs:title'), icon: IconSchool, shortcut: 'Alt+G' },
    { to: '/letters', label: t('nav.letters'), icon: IconMail },
    { to: '/library', label: t('nav.library'), icon: IconBooks },
    { to: '/documents', label: t('documents:nav'), icon: IconFileCertificate, shortcut: 'Alt+D' },
    ...(session.can('satisfaction.collect') ? [{ to: '/paper-forms', label: t('paper-forms:nav'), icon: IconForms }] : []),
  ];
  // Conflicts between desks exist only on a desk paired with the office server.
  const officePaired = Boolean(office.data?.link);
  // The office's own tools, only for the roles that may use them.
  const adminNav = [
    ...(session.can('queues.office') ? [{ to: '/office', label: t('nav.office'), icon: IconBuildingCommunity }] : []),
    ...(session.can('reports.view') ? [{ to: '/reports', label: t('reports:nav'), icon: IconChartBar }] : []),
    // Every role reads the questionnaires it offers (and reads out by phone); administrators build them.
    ...(session.can('satisfaction.collect') ? [{ to: '/questionnaires', label: t('questionnaires:nav'), icon: IconListCheck }] : []),
    // Officers read their own cases' satisfaction figures; supervisors everyone's.
    ...(session.can('satisfaction.collect') ? [{ to: '/satisfaction', label: t('satisfaction-figures:nav'), icon: IconMoodSmile }] : []),
    ...(session.can('catalog.manage') ? [{ to: '/catalog', label: t('nav.catalog'), icon: IconListDetails }] : []),
    ...(session.can('audit.view') ? [{ to: '/audit', label: t('nav.audit'), icon: IconHistory }] : []),
    ...(session.can('conflicts.settle') && officePaired ? [{ to: '/conflicts', label: t('conflicts:nav'), icon: IconArrowsDiff }] : []),
    ...(session.can('users.manage') ? [{ to: '/users', label: t('nav.users'), icon: IconUsersGroup }] : []),
    ...(session.can('backups.manage') ? [{ to: '/backups', label: t('nav.backups'), icon: IconDatabase }] : []),
    ...(session.can('settings.manage') ? [{ to: '/settings', label: t('nav.settings'), icon: IconSettings }] : []),
  ];

  return (
    <ShellContext.Provider value={actions}>
      <AppShell header={{ height: 64 }} navbar={{ width: 232, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Text component="span" fw={700} fz={26} c="wasl.8" lh={1}>
                {t('app.name')}
              </Text>
              <Text component="span" c="dimmed" fz="sm">
                {session.state.associationName ?? t('app.association')}
              </Text>
            </Group>
            <UnstyledButton onClick={openSearch} aria-label={t('search.open')} aria-keyshortcuts="Control+K">
              <Group
                gap="xs"
                px="md"
                py={8}
                wrap="nowrap"
                style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, minWidth: 380, background: 'white' }}
              >
                <IconSearch size={18} stroke={1.6} color="var(--mantine-color-gray-6)" />
                <Text c="dimmed" fz="sm" style={{ flex: 1 }}>
                  {t('search.placeholderShort')}
                </Text>
                <Shortcut keys={['Ctrl', 'K']} />
              </Group>
            </UnstyledButton>
            <Group gap="xs" wrap="nowrap">
              <SyncIndicator />
              <Button
                variant="subtle"
                leftSection={<IconLanguage size={18} />}
                onClick={() => void switchLanguage()}
                lang={i18n.language === 'ar' ? 'en' : 'ar'}
              >
                {t('language.switchTo')}
              </Button>
              <Menu position="bottom-end" width={260} shadow="md">
                <Menu.Target>
                  <Button variant="light" leftSection={<IconUserCircle size={18} />} rightSection={<IconChevronDown size={14} />} aria-label={t('session:menu.label')}>
                    {user?.displayName}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{user ? t(`session:menu.role.${user.role}`) : null}</Menu.Label>
                  <Menu.Item leftSection={<IconLock size={16} />} onClick={lockNow} rightSection={<span className="wasl-kbd">Ctrl+Shift+L</span>}>
                    {t('session:menu.lock')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)}>
                    {t('session:menu.changePassword')}
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Item
                    leftSection={<IconLogout size={16} />}
                    color="red"
                    onClick={() => {
                      void mayLeave().then((leave) => {
                        if (leave) void session.signOut();
                      });
                    }}
                  >
                    {t('session:menu.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          {/* An administrator's list is longer than a laptop's screen is tall: it scrolls rather than hides its last links. */}
          <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
            <Stack gap={4}>
              {nav.map((item) => (
                <NavLink
                  key={item.to}
                  href={`#${item.to}`}
                  onClick={(event) => {
                    event.preventDefault();
                    go(item.to);
                  }}
                  label={item.label}
                  leftSection={<item.icon size={20} stroke={1.6} />}
                  rightSection={<span className="wasl-kbd">{item.shortcut}</span>}
                  active={item.to === '/' ? location === '/' : location === item.to}
                  aria-keyshortcuts={item.shortcut}
                />
              ))}
              {adminNav.length > 0 ? <Divider my="xs" /> : null}
              {adminNav.map((item) => (
                <NavLink
                  key={item.to}
                  href={`#${item.to}`}
                  onClick={(event) => {
                    event.preventDefault();
                    go(item.to);
                  }}
                  label={item.label}
                  leftSection={<item.icon size={20} stroke={1.6} />}
                  active={location === item.to}
                />
              ))}
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main>{children}</AppShell.Main>
      </AppShell>
      <SearchOverlay opened={searchOpen} onClose={() => setSearchOpen(false)} />
      <LeaveDialog />
      <Modal opened={changingPassword} onClose={() => setChangingPassword(false)} title={t('session:changePassword.title')}>
        <ChangePasswordForm
          onDone={() => {
            setChangingPassword(false);
            notifications.show({ color: 'teal', message: t('session:changePassword.done') });
          }}
          onCancel={() => setChangingPassword(false)}
        />
      </Modal>
    </ShellContext.Provider>
  );
}
