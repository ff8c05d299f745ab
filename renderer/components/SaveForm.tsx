import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SaveFormState } from '../api/use-save-form';
import { CheckedForm } from './CheckedForm';
import { Shortcut } from './Shortcut';

/**
 * The frame of a form kept by `useSaveForm`: its fields, the refusal that names no field, Cancel and
 * Save. Ctrl+Enter saves from any field, so the form is filled and saved without the mouse; a refused
 * save points to the first field in error (CheckedForm).
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
    <CheckedForm onSave={form.save}>
      <Stack gap="md">
        {children}
        <FormFooter failure={form.failure} busy={form.busy} onCancel={onCancel} cancelLabel={cancelLabel} saveLabel={saveLabel} shortcutHint={shortcutHint} />
      </Stack>
    </CheckedForm>
  );
}

/** The end of every form: the refusal that names no field, then Cancel and Save (the form's submit). */
export function FormFooter({
  failure,
  busy,
  onCancel,
  cancelLabel,
  saveLabel,
  saveColor,
  shortcutHint = true,
}: {
  failure: string | null;
  busy: boolean;
  onCancel: () => void;
  cancelLabel: string;
  saveLabel: string;
  /** A save that withdraws or closes something is coloured as such. */
  saveColor?: string;
  /** Whether the Save button shows its Ctrl+Enter keys (the shortcut works either way). */
  shortcutHint?: boolean;
}) {
  return (
    <>
      {failure ? (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" color={saveColor} loading={busy}>
          {saveLabel}
          {shortcutHint ? <Shortcut keys={['Ctrl', 'Enter']} /> : null}
        </Button>
      </Group>
    </>
  );
}
