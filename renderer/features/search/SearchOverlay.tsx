import { ActionIcon, Group, Kbd, Loader, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconMessagePlus, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { ApiError } from '../../../electron/api/result';
import type { SearchHit } from '../../../electron/api/search';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { CategoryBadge, EligibilityBadge, StatusBadge } from '../../components/badges';
import { Ltr } from '../../components/Ltr';
import { isolateAuto } from '../../lib/bidi';
import { Shortcut } from '../../components/Shortcut';
import { prefillFromSearch } from '../beneficiaries/prefill';
import { ContactModal, type ContactModalProps } from '../contacts/ContactModal';

interface SearchOverlayProps {
  opened: boolean;
  onClose: () => void;
}

/** What the search box had found when the officer chose to log a contact from it. */
type LoggingFor = Pick<ContactModalProps, 'beneficiary' | 'prefill'>;

/** The name or the phone typed in the search box, carried into the contact form for someone not registered. */
function personFromQuery(query: string): ContactModalProps['prefill'] {
  const text = query.trim();
  return /^[\d\u0660-\u0669\u06f0-\u06f9\s+()-]+$/.test(text) ? { personPhone: text } : { personName: text };
}

/**
 * The one search box: a name in any spelling, an ID number, a phone or a file number, answered as the
 * officer types. Arrows move, Enter opens, Escape closes. After the people found come two actions:
 * register a new person, and (once something is typed) log a contact with a person not registered,
 * always last, since the person at the desk may not be anyone found (Ctrl+Shift+Enter from any row).
 * Ctrl+Enter logs a contact with the person highlighted and comes back to the search: a phone line
 * can be worked without leaving the box.
 */
export function SearchOverlay({ opened, onClose }: SearchOverlayProps) {
  const { t } = useTranslation('search');
  const api = useApi();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [more, setMore] = useState(false);
  // The Arabic meant, when the query was typed with the keyboard left on English and found people so.
  const [layoutQuery, setLayoutQuery] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const errorMessage = useErrorMessage();
  const [active, setActive] = useState(0);
  const latestRequest = useRef(0);
  // Enter pressed before the answer to the latest keystroke arrived: acted on when it does, so the
  // officer never opens someone found for what they had typed a moment earlier.
  const enterPending = useRef(false);
  const [answered, setAnswered] = useState(0);
  const [loggingFor, setLoggingFor] = useState<LoggingFor | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!opened) return;
    setQuery('');
    setHits([]);
    setMore(false);
    setLayoutQuery(null);
    setActive(0);
  }, [opened]);

  useEffect(() => {
    const request = ++latestRequest.current;
    if (query.trim() === '') {
      setHits([]);
      setMore(false);
      setLayoutQuery(null);
      setSearching(false);
      setFailure(null);
      return;
    }
    setSearching(true);
    void api['search.beneficiaries']({ query, limit: 12 }).then((result) => {
      // Answers can arrive out of order while the officer types; only the latest counts.
      if (request !== latestRequest.current) return;
      setSearching(false);
      setFailure(result.ok ? null : result.error);
      setHits(result.ok ? result.value.hits : []);
      setMore(result.ok ? result.value.more : false);
      setLayoutQuery(result.ok ? result.value.layoutQuery : null);
      setActive(0);
      setAnswered(request);
    });
  }, [api, query]);


  // What the officer meant to type: the Arabic, when it was typed on the English keyboard.
  const meant = layoutQuery ?? query;
  const registerRow = hits.length;
  // Only with something typed: a contact with no name and no phone says nothing of who it was.
  const unregisteredRow = query.trim() === '' ? null : hits.length + 1;
  const rowCount = hits.length + (unregisteredRow === null ? 1 : 2);
  const logContactUnregistered = () => setLoggingFor({ beneficiary: null, prefill: personFromQuery(meant) });
  const choose = (index: number) => {
    const hit = hits[index];
    if (index === unregisteredRow) {
      logContactUnregistered();
      return;
    }
    onClose();
    if (hit) navigate(`/beneficiaries/${hit.id}`);
    else {
      prefillFromSearch(meant);
      navigate('/beneficiaries/new');
    }
  };

  const logContactFor = (index: number) => {
    const hit = hits[index];
    if (hit) setLoggingFor({ beneficiary: { id: hit.id, name: hit.fullName } });
    else logContactUnregistered();
  };
  const backToSearch = () => {
    setLoggingFor(null);
    input.current?.focus();
  };

  useEffect(() => {
    if (!enterPending.current || answered !== latestRequest.current) return;
    enterPending.current = false;
    choose(0);
    // Runs when an answer lands; `choose` reads the hits of that same render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answered]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => (index + 1) % rowCount);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (index - 1 + rowCount) % rowCount);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.shiftKey) {
      event.preventDefault();
      if (query.trim() !== '') logContactUnregistered();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!searching) logContactFor(active);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (searching) enterPending.current = true;
      else choose(active);
    }
  };

  return (
    <>
    <Modal
      opened={opened}
      // While a contact is being logged, Escape belongs to the contact form.
      onClose={() => loggingFor === null && onClose()}
      withCloseButton={false}
      size={720}
      yOffset="8vh"
      padding={0}
      radius="lg"
      aria-label={t('title')}
    >
      <TextInput
        ref={input}
        data-autofocus
        size="lg"
        variant="unstyled"
        px="md"
        py={4}
        value={query}
        // A name reads right to left, a phone or ID left to right: each as it is typed.
        dir="auto"
        onChange={(event) => {
          enterPending.current = false;
          setQuery(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        placeholder={t('placeholder')}
        aria-label={t('title')}
        leftSection={searching ? <Loader size={18} /> : <IconSearch size={20} stroke={1.6} />}
        styles={{ input: { fontSize: 20 } }}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="search-results"
        aria-activedescendant={`search-row-${active}`}
      />
      <ScrollArea.Autosize mah="60vh" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Stack gap={0} id="search-results" role="listbox" aria-label={t('results')} p={6}>
          {failure ? (
            <Text c="red" px="md" py="sm" role="alert">
              {errorMessage(failure)}
            </Text>
          ) : null}
          {layoutQuery !== null && hits.length > 0 ? (
            <Text c="dimmed" fz="sm" px="md" py={6} role="status">
              {t('layoutNotice', { query: isolateAuto(layoutQuery) })}
            </Text>
          ) : null}
          {query.trim() !== '' && hits.length === 0 && !searching && !failure ? (
            <Text c="dimmed" px="md" py="sm">
              {t('noMatch')}
            </Text>
          ) : null}
          {hits.map((hit, index) => (
            <SearchRow
              key={hit.id}
              hit={hit}
              index={index}
              active={index === active}
              onChoose={() => choose(index)}
              onLogContact={() => logContactFor(index)}
              onHover={() => setActive(index)}
            />
          ))}
          {more ? (
            <Text c="dimmed" fz="sm" px="md" py={6}>
              {t('keepTyping')}
            </Text>
          ) : null}
          <ActionRow
            index={registerRow}
            active={active === registerRow}
            onChoose={() => choose(registerRow)}
            onHover={() => setActive(registerRow)}
            icon={<IconUserPlus size={20} stroke={1.6} />}
            label={query.trim() ? t('registerNamed', { query: isolateAuto(meant.trim()) }) : t('registerNew')}
            keys={['Alt', 'N']}
          />
          {unregisteredRow === null ? null : (
            <ActionRow
              index={unregisteredRow}
              active={active === unregisteredRow}
              onChoose={() => choose(unregisteredRow)}
              onHover={() => setActive(unregisteredRow)}
              icon={<IconMessagePlus size={20} stroke={1.6} />}
              label={t('logContactUnregistered')}
              keys={['Ctrl', 'Shift', 'Enter']}
            />
          )}
        </Stack>
      </ScrollArea.Autosize>
      <Group gap="lg" px="md" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('hintMove')}
        </Text>
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> {t('hintOpen')}
        </Text>
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Enter</Kbd> {t('hintLogContact')}
        </Text>
        <Text fz="xs" c="dimmed">
          <Kbd size="xs">Esc</Kbd> {t('hintClose')}
        </Text>
      </Group>
    </Modal>
    {loggingFor ? <ContactModal {...loggingFor} onClose={backToSearch} onLogged={backToSearch} /> : null}
    </>
  );
}

const rowStyle = (active: boolean) => ({
  borderRadius: 8,
  background: active ? 'var(--mantine-color-wasl-0)' : undefined,
  display: 'block',
  width: '100%',
});

interface ActionRowProps {
  index: number;
  active: boolean;
  onChoose: () => void;
  onHover: () => void;
  icon: ReactNode;
  label: string;
  keys: string[];
}

/** An action after the people found, with its shortcut beside it. */
function ActionRow({ index, active, onChoose, onHover, icon, label, keys }: ActionRowProps) {
  return (
    <UnstyledButton
      id={`search-row-${index}`}
      role="option"
      aria-selected={active}
      onClick={onChoose}
      onMouseEnter={onHover}
      px="md"
      py="sm"
      style={rowStyle(active)}
    >
      <Group gap="sm" wrap="nowrap">
        {icon}
        <Text fw={500}>{label}</Text>
        <Text component="span" ms="auto">
          <Shortcut keys={keys} />
        </Text>
      </Group>
    </UnstyledButton>
  );
}

interface SearchRowProps {
  hit: SearchHit;
  index: number;
  active: boolean;
  onChoose: () => void;
  onLogContact: () => void;
  onHover: () => void;
}

function SearchRow({ hit, index, active, onChoose, onLogContact, onHover }: SearchRowProps) {
  const { t } = useTranslation('search');
  return (
    <Group gap={0} wrap="nowrap" onMouseEnter={onHover}>
    <UnstyledButton id={`search-row-${index}`} role="option" aria-selected={active} onClick={onChoose} px="md" py={10} style={rowStyle(active)}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} fz="md" truncate>
              {hit.fullName}
            </Text>
            {hit.latinName ? (
              <Text c="dimmed" fz="sm" truncate lang="en">
                {hit.latinName}
              </Text>
            ) : null}
          </Group>
          <Text c="dimmed" fz="sm">
            {t(`idLabel.${hit.idType}`)} <Ltr>…{hit.idTail}</Ltr>
            {hit.phoneTail ? (
              <>
                {' · '}
                {t('phoneLabel')} <Ltr>{hit.phoneTail}</Ltr>
              </>
            ) : null}
            {' · '}
            {t('fileLabel')} <Ltr>{hit.fileNumber}</Ltr>
            {' · '}
            <Text span fz="sm" c={hit.matchedBy === 'close_spelling' || hit.matchedBy === 'layout' ? 'orange.9' : 'dimmed'} title={t('matchedByLabel')}>
              {t(`matchedBy.${hit.matchedBy}`)}
            </Text>
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap">
          <CategoryBadge category={hit.category} />
          <EligibilityBadge outcome={hit.eligibility} />
          <StatusBadge status={hit.status} />
        </Group>
      </Group>
    </UnstyledButton>
    <ActionIcon variant="subtle" size="lg" mx={4} onClick={onLogContact} aria-label={t('logContactWith', { name: hit.fullName })} tabIndex={-1}>
      <IconMessagePlus size={18} stroke={1.6} />
    </ActionIcon>
    </Group>
  );
}
