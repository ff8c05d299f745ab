import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { Ref } from 'react';

/**
 * A password box: the one typed to prove who one is (`current`), or one being chosen (`new`), which a
 * password manager offers to generate and remember. Always required; its value is a plain string.
 */
export function PasswordField({
  purpose,
  value,
  onChange,
  ref,
  ...props
}: Omit<PasswordInputProps, 'value' | 'onChange' | 'autoComplete' | 'required'> & {
  purpose: 'current' | 'new';
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}) {
  return (
    <PasswordInput
      {...props}
      ref={ref}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
      required
    />
  );
}
