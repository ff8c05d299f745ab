import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section of the report's dashboard: a titled panel, named by its title for assistive technology. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md" component="section" aria-labelledby={`report-${id}`}>
      <Stack gap="sm">
        <Title order={3} fz="lg" id={`report-${id}`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The heading of a table within a section. */
export function Subtitle({ children }: { children: ReactNode }) {
  return (
    <Title order={4} fz="sm" c="dimmed" mt="xs">
      {children}
    </Title>
  );
}
