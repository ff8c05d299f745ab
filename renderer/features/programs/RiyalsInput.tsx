import { TextInput } from '@mantine/core';

/**
 * An amount typed in riyals, as halalasOf reads it (Arabic-Indic digits and the Arabic decimal mark
 * too): written left to right as numbers are, with the decimal keypad on a touch screen. The dialogs
 * that ask for an amount open on it, since it is what the officer types first.
 */
export function RiyalsInput({ label, value, onChange, error }: { label: string; value: string; onChange: (typed: string) => void; error?: string }) {
  return (
    <TextInput
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      inputMode="decimal"
      dir="ltr"
      required
      data-autofocus
    />
  );
}
