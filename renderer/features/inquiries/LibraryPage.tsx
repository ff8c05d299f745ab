import { Badge, Button, Grid, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_CATEGORIES, type ArticleCategory, type ArticleView } from '../../../electron/api/inquiries';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { DualDate } from '../../components/DualDate';
import { useSession } from '../session/session-context';
import { ArticleModal } from './ArticleModal';

const RESULTS = 50;
const ALL = 'all';

/** The reference library: bylaws, programs and services, standard answers. */
export function LibraryPage() {
  const { t } = useTranslation('inquiries');
  const errorMessage = useErrorMessage();
  const session = useSession();
  const canEdit = session.can('catalog.manage');
  const [typed, setTyped] = useState('');
  const [query] = useDebouncedValue(typed, 150);
  const [category, setCategory] = useState<ArticleCategory | typeof ALL>(ALL);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ article: ArticleView | null } | null>(null);

  const results = useCall('library.search', {
    query,
    ...(category === ALL ? {} : { category }),
    // The administrator keeps withdrawn articles too; officers answer from active ones only.
    includeInactive: canEdit,
    limit: RESULTS,
  });
  const selected = useCall('library.get', selectedId === null ? null : { id: selectedId });
  const hits = results.data?.hits ?? [];

  // Enter in the search box opens the first article found.
  const openFirst = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && hits[0]) {
      event.preventDefault();
      setSelectedId(hits[0].id);
    }
  };

  const libraryIsEmpty = query.trim() === '' && category === ALL && !results.loading && hits.length === 0;
  const article = selected.data;

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>{t('library.title')}</Title>
          <Text c="dimmed">{t('library.intro')}</Text>
        </Stack>
        {canEdit ? (
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ article: null })}>
            {t('library.add')}
          </Button>
        ) : null}
      </Group>
      <Group align="flex-end" gap="md">
        <TextInput
          label={t('library.search')}
          placeholder={t('library.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={openFirst}
          // The screen is for searching: the officer types at once.
          autoFocus
          style={{ flex: 1 }}
          type="search"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="library-category">
            {t('library.category')}
          </Text>
          <SegmentedControl
            aria-labelledby="library-category"
            data={[{ value: ALL, label: t('library.allCategories') }, ...ARTICLE_CATEGORIES.map((value) => ({ value, label: t(`library.categories.${value}`) }))]}
            value={category}
            onChange={(value) => setCategory(value as ArticleCategory | typeof ALL)}
          />
        </Stack>
      </Group>
      {results.error ? <Text c="red">{errorMessage(results.error)}</Text> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs" role="list" aria-label={t('library.results')}>
            {libraryIsEmpty ? <Text c="dimmed">{t('library.empty')}</Text> : null}
            {!libraryIsEmpty && !results.loading && hits.length === 0 ? <Text c="dimmed">{t('library.none')}</Text> : null}
            {hits.map((hit) => (
              <UnstyledButton key={hit.id} role="listitem" onClick={() => setSelectedId(hit.id)} aria-current={hit.id === selectedId ? 'true' : undefined}>
                <Paper withBorder radius="md" p="sm" bg={hit.id === selectedId ? 'var(--mantine-primary-color-light)' : undefined}>
                  <Group gap={6} mb={4}>
                    <Text fw={600} dir="auto">
                      {hit.title}
                    </Text>
                    <Badge size="xs" variant="light">
                      {t(`library.categories.${hit.category}`)}
                    </Badge>
                    {hit.active ? null : (
                      <Badge size="xs" color="gray">
                        {t('library.inactive')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={3} dir="auto">
                    {hit.excerpt}
                  </Text>
                </Paper>
              </UnstyledButton>
            ))}
            {results.data?.more ? (
              <Text size="sm" c="dimmed">
                {t('library.more')}
              </Text>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="lg" p="lg" component="article" aria-live="polite">
            {article && article.id === selectedId ? (
              <Stack gap="sm">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={4}>
                    <Title order={3} dir="auto">
                      {article.title}
                    </Title>
                    <Group gap={6}>
                      <Badge variant="light">{t(`library.categories.${article.category}`)}</Badge>
                      {article.active ? null : <Badge color="gray">{t('library.inactive')}</Badge>}
                    </Group>
                  </Stack>
                  {canEdit ? (
                    <Button variant="light" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setEditing({ article })}>
                      {t('library.edit')}
                    </Button>
                  ) : null}
                </Group>
                {/* An article reads in its own direction: an Arabic article stays right to left in the English view. */}
                <Text style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }} dir="auto">
                  {article.body}
                </Text>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {article.asShipped ? t('library.asShipped') : t('library.updated', { name: article.updatedBy.displayName })}
                  </Text>
                  <Text size="xs" c="dimmed" component="div">
                    <DualDate instant={article.updatedAt} />
                  </Text>
                </Group>
              </Stack>
            ) : (
              <Text c="dimmed">{selected.error ? errorMessage(selected.error) : t('library.choose')}</Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      {editing ? (
        <ArticleModal
          article={editing.article}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setSelectedId(saved.id);
            selected.reload();
            results.reload();
          }}
        />
      ) : null}
    </Stack>
  );
}
