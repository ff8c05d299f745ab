import { Group, Kbd } from '@mantine/core';

/** A keyboard shortcut such as Ctrl+K, always read left to right (as printed on the keys). */
export function Shortcut({ keys }: { keys: string[] }) {
  return (
    <Group component="bdi" dir="ltr" gap={4} wrap="nowrap" ms="sm" display="inline-flex" style={{ verticalAlign: 'middle' }}>
      {keys.map((key) => (
        <Kbd key={key} size="xs">
          {key}
        </Kbd>
      ))}
    </Group>
  );
}
