import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A calm teal for the association, warm sand for highlights. */
const teal: MantineColorsTuple = [
  '#e6f7f5', '#d3ede9', '#a8dad3', '#79c6bb', '#52b5a7', '#38aa9b', '#27a495', '#158f81', '#037f72', '#006e62',
];

export const theme = createTheme({
  primaryColor: 'wasl',
  primaryShade: 8,
  colors: { wasl: teal },
  fontFamily: '"IBM Plex Sans Arabic", "Segoe UI", Tahoma, sans-serif',
  headings: { fontFamily: '"IBM Plex Sans Arabic", "Segoe UI", Tahoma, sans-serif', fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { shadow: 'md' } } },
    // A badge is as wide as its word: in a tight table column its label would otherwise be cut to "ص…".
    Badge: { styles: { root: { minWidth: 'max-content' } } },
  },
});

/**
 * The theme with the name every dialog's and notice's close button is announced by (an icon alone
 * names nothing), in the interface's language.
 */
export function themeWithCloseLabel(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    ...theme,
    components: {
      ...theme.components,
      Modal: { defaultProps: { closeButtonProps } },
      Notification: { defaultProps: { closeButtonProps } },
    },
  });
}
