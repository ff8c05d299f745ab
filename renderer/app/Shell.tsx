import { AppShell, Button, Group, NavLink, Stack, Text, UnstyledButton, useDirection } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconHome, IconLanguage, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Language } from '../../electron/api/app';
import { useApi } from '../api/context';
import { Shortcut } from '../components/Shortcut';
import { SearchOverlay } from '../features/search/SearchOverlay';
import { applyDocumentLanguage } from '../i18n/index';
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
  const { setDirection } = useDirection();
  const [location, navigate] = useLocation();
  const [searchOpen, setSearchOpen] = useState(false);
  const go = useCallback(
    (path: string) => {
      if (mayLeave(t('leaveUnsaved'))) navigate(path);
    },
    [navigate, t],
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
    ]),
    [],
  );
  useHotkeys([['/', openSearch]]);

  const switchLanguage = async () => {
    const next: Language = i18n.language === 'ar' ? 'en' : 'ar';
    await api['preferences.setLanguage']({ language: next });
    await i18n.changeLanguage(next);
    applyDocumentLanguage(next);
    setDirection(i18n.dir(next));
  };

  const actions = useMemo(() => ({ openSearch }), [openSearch]);
  const nav = [
    { to: '/', label: t('nav.home'), icon: IconHome, shortcut: 'Alt+H' },
    { to: '/beneficiaries', label: t('nav.beneficiaries'), icon: IconUsers, shortcut: 'Alt+L' },
    { to: '/beneficiaries/new', label: t('nav.register'), icon: IconUserPlus, shortcut: 'Alt+N' },
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
                {t('app.association')}
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
            <Button
              variant="subtle"
              leftSection={<IconLanguage size={18} />}
              onClick={() => void switchLanguage()}
              lang={i18n.language === 'ar' ? 'en' : 'ar'}
            >
              {t('language.switchTo')}
            </Button>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
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
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>{children}</AppShell.Main>
      </AppShell>
      <SearchOverlay opened={searchOpen} onClose={() => setSearchOpen(false)} />
    </ShellContext.Provider>
  );
}
