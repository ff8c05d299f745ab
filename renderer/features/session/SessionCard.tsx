import { Box, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyLanguage } from '../../i18n/use-language';

/** The frame of the screens shown before the app: the name, the association, one card, a language switch. */
export function SessionCard({
  title,
  associationName,
  children,
  width = 460,
}: {
  title: string;
  associationName?: string | null;
  children: ReactNode;
  width?: number;
}) {
  const { t, i18n } = useTranslation('session');
  const applyLanguage = useApplyLanguage();
  return (
    <Box mih="100vh" bg="gray.0" py={48} px="md">
      <Group justify="flex-end" maw={width} mx="auto" mb="xs">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconLanguage size={16} />}
          onClick={() => void applyLanguage(i18n.language === 'ar' ? 'en' : 'ar')}
          lang={i18n.language === 'ar' ? 'en' : 'ar'}
        >
          {t('language')}
        </Button>
      </Group>
      <Center>
        <Paper withBorder radius="lg" p="xl" w={width} maw="100%" shadow="sm">
          <Stack gap="lg">
            <Stack gap={2} align="center">
              <Text component="span" fw={700} fz={34} c="wasl.8" lh={1.1}>
                {t('common:app.name')}
              </Text>
              {associationName ? (
                <Text c="dimmed" fz="sm" ta="center">
                  {associationName}
                </Text>
              ) : null}
            </Stack>
            <Title order={2} fz="h3" ta="center">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
