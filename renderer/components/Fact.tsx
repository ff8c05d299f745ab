import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One fact about a record, its label above it: who asked, when, what was asked. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}
