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
  },
});
