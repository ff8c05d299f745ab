import type { HotkeyItem } from '@mantine/hooks';

/**
 * Shortcuts by the key's place on the keyboard, not the letter it types: an officer typing a name
 * has the Arabic layout on, where the K key types ن. Ctrl+K must still open the search.
 */
export function byPhysicalKey(items: [string, (event: KeyboardEvent) => void][]): HotkeyItem[] {
  return items.map(([hotkey, handler]) => [hotkey, handler, { usePhysicalKeys: true }]);
}
