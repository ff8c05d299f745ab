import { Alert, Button, Group, Stack } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import type { ReactNode } from 'react';
import type { SaveFormState } from '../api/use-save-form';
import { Shortcut } from './Shortcut';

/**
 * The frame of a form kept by `useSaveForm`: its fields, the refusal that names no field, Cancel and
 * Save. Ctrl+Enter saves from any field, so the form is filled and saved without the mouse.
 */
export function SaveForm({
  form,
  onCancel,
  cancelLabel,
  saveLabel,
  shortcutHint = true,
  children,
}: {
  form: Pick<SaveFormState<object>, 'save' | 'failure' | 'busy'>;
  onCancel: () => void;
  cancelLabel: string;
  saveLabel: string;
  /** Whether the Save button shows its Ctrl+Enter keys (the shortcut works either way). */
  shortcutHint?: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={(event) => void form.save(event)} onKeyDown={getHotkeyHandler([['mod+Enter', () => void form.save()]])} noValidate>
      <Stack gap="md">
        {children}
        {form.failure ? (
          <Alert color="red" role="alert">
            {form.failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button type="submit" loading={form.busy}>
            {saveLabel}
            {shortcutHint ? <Shortcut keys={['Ctrl', 'Enter']} /> : null}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
