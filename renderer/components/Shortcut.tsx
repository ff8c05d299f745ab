import { Box, Group, Kbd } from '@mantine/core';

/**
 * A keyboard shortcut such as Ctrl+K, always read left to right (as printed on the keys). The space
 * before it is on the outer box, which follows the page's direction: on the left-to-right keys
 * themselves, "start" would be their left even in an Arabic label, away from the words.
 */
export function Shortcut({ keys }: { keys: string[] }) {
  return (
    <Box component="span" ms="sm" display="inline-flex" style={{ verticalAlign: 'middle' }}>
      <Group component="bdi" dir="ltr" gap={4} wrap="nowrap" display="inline-flex">
        {keys.map((key) => (
          <Kbd key={key} size="xs">
            {key}
          </Kbd>
        ))}
      </Group>
    </Box>
  );
}
