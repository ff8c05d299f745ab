import { ActionIcon, Badge, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBook, IconSearch, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleView } from '../../../electron/api/inquiries';
import { useApi } from '../../api/context';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';

/** The library search takes this much of a question: its first words say what it is about. */
const QUERY_MAX = 200;
const SUGGESTIONS = 5;

export interface ArticlePickerProps {
  /** The question as typed: the library is searched with it until the officer types a search of their own. */
  question: string;
  /** The article linked to the answer, if any. */
  linked: { id: string; title: string } | null;
  onPick: (article: ArticleView) => void;
  onUnlink: () => void;
}

/**
 * Searching the reference library from an answer: suggestions from the question's words, or from
 * what the officer types; "Use" takes the article (its text, and the link to it).
 */
export function ArticlePicker({ question, linked, onPick, onUnlink }: ArticlePickerProps) {
  const { t } = useTranslation('inquiries');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const resultsId = useId();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const ownSearch = typed.trim() !== '';
  const [query] = useDebouncedValue(ownSearch ? typed : question.slice(0, QUERY_MAX), 250);
  // The question's words are many and few of them are in any article: any of them suggests one.
  const results = useCall('library.search', query.trim() === '' ? null : { query, anyWord: !ownSearch, limit: SUGGESTIONS });

  const pick = async (id: string) => {
    const article = await api['library.get']({ id });
    if (!article.ok) {
      setFailure(errorMessage(article.error));
      return;
    }
    setFailure(null);
    onPick(article.value);
  };

  const hits = results.data?.hits ?? [];
  const shownFailure = failure ?? (results.error ? errorMessage(results.error) : null);
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap="xs">
        {linked ? (
          <Group gap="xs" wrap="nowrap">
            <IconBook size={16} aria-hidden />
            <Text size="sm" fw={500} style={{ flex: 1 }}>
              {t('picker.linked', { title: linked.title })}
            </Text>
            <ActionIcon variant="subtle" color="gray" onClick={onUnlink} aria-label={t('picker.unlink')} title={t('picker.unlink')}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ) : null}
        <TextInput
          label={t('picker.search')}
          description={t('picker.searchHint')}
          leftSection={<IconSearch size={16} />}
          rightSection={results.loading ? <Loader size="xs" /> : null}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          aria-controls={resultsId}
          size="sm"
        />
        <Stack gap={6} id={resultsId} role="list" aria-label={t('picker.results')}>
          {query.trim() !== '' && !results.loading && hits.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('picker.none')}
            </Text>
          ) : null}
          {hits.map((hit) => (
            <Group key={hit.id} role="listitem" gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {hit.title}
                  </Text>
                  <Badge size="xs" variant="light">
                    {t(`library.categories.${hit.category}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {hit.excerpt}
                </Text>
              </Stack>
              <Button
                size="compact-sm"
                variant={linked?.id === hit.id ? 'filled' : 'light'}
                onClick={() => void pick(hit.id)}
                aria-label={t('picker.useTitle', { title: hit.title })}
              >
                {t('picker.use')}
              </Button>
            </Group>
          ))}
        </Stack>
        {shownFailure ? (
          <Text size="sm" c="red" role="alert">
            {shownFailure}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
