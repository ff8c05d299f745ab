import { Button, Checkbox, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { fail, ok, type ApiError } from '../../../electron/api/result';
import { useSubmit } from '../../api/use-save-form';
import { RecoveryKeySheet } from '../session/RecoveryKeySheet';
import { useSession } from '../session/session-context';
import { CheckedForm } from '../../components/CheckedForm';
import { PasswordField } from '../../components/PasswordField';
import { FormFooter } from '../../components/SaveForm';

/**
 * A section of Settings for one action on the keys: what it is for, and the button that opens its
 * dialog (`dialog`, rendered while open, closed through the `close` it is given).
 */
export function KeyActionSection({
  title,
  intro,
  actionLabel,
  icon,
  danger = false,
  dialog,
}: {
  title: string;
  intro: string;
  actionLabel: string;
  icon: ReactNode;
  danger?: boolean;
  dialog: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder radius="lg" p="lg">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} fz="h4">
            {title}
          </Title>
          <Text c="dimmed" fz="sm">
            {intro}
          </Text>
        </Stack>
        <Group>
          <Button variant="light" color={danger ? 'red' : undefined} leftSection={icon} onClick={() => setOpen(true)}>
            {actionLabel}
          </Button>
        </Group>
      </Stack>
      {open ? dialog(() => setOpen(false)) : null}
    </Paper>
  );
}

/**
 * The administrator's own password typed again before an action on the keys (a new recovery key,
 * a new database key): whoever is at an unlocked desk cannot do it alone. Ctrl+Enter confirms.
 * `onConfirm` answers the refusal to show, or null once the action has started.
 */
export function PasswordConfirmModal({
  title,
  children,
  passwordLabel,
  confirmLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  onClose,
}: {
  title: string;
  /** What will happen, above the password. */
  children: ReactNode;
  passwordLabel: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  onConfirm: (password: string) => Promise<ApiError | null>;
  onClose: () => void;
}) {
  const { submit, errors, failure, busy } = useSubmit();
  const [password, setPassword] = useState('');
  // The password is never kept in the form longer than one try.
  const forget = () => setPassword('');

  const confirm = () =>
    submit(
      async () => {
        const refusal = await onConfirm(password);
        return refusal === null ? ok(null) : fail(refusal);
      },
      { onSaved: forget, onRefused: forget },
    );

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <CheckedForm onSave={confirm}>
        <Stack gap="md">
          {children}
          <PasswordField purpose="current" label={passwordLabel} value={password} onChange={setPassword} error={errors.password} data-autofocus />
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={cancelLabel} saveLabel={confirmLabel} saveColor={danger ? 'red' : undefined} />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}

/** A way on from the new key once it is kept: to another screen. */
export interface NextStep {
  label: string;
  to: string;
}

/**
 * A new recovery key, shown once, as at setup: printable, and closed only once the administrator
 * says it is kept. A dialog of its own (mounted afresh, not the password's reused), so focus is
 * placed again: on printing, the next thing to do.
 */
export function NewRecoveryKeyModal({
  title,
  intro,
  recoveryKey,
  children,
  nextSteps,
  onClose,
}: {
  title: string;
  intro: string;
  recoveryKey: string;
  /** What else the administrator must know (older backups, accounts to reset). */
  children: ReactNode;
  nextSteps: NextStep[];
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const session = useSession();
  const [, navigate] = useLocation();
  const [kept, setKept] = useState(false);
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} title={title} size="lg" className="wasl-recovery-dialog">
      <Stack gap="md">
        <Text className="wasl-no-print">{intro}</Text>
        <RecoveryKeySheet recoveryKey={recoveryKey} associationName={session.state.associationName ?? ''} />
        {children}
        <Group className="wasl-no-print">
          <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => window.print()} data-autofocus>
            {t('recoveryKey.print')}
          </Button>
        </Group>
        <Checkbox className="wasl-no-print" checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} label={t('recoveryKey.confirm')} />
        <Group justify="flex-end" className="wasl-no-print">
          <Button variant={nextSteps.length > 0 ? 'default' : 'filled'} disabled={!kept} onClick={onClose}>
            {t('recoveryKey.done')}
          </Button>
          {nextSteps.map((step, index) => (
            <Button
              key={step.to}
              variant={index === nextSteps.length - 1 ? 'filled' : 'default'}
              disabled={!kept}
              onClick={() => {
                onClose();
                navigate(step.to);
              }}
            >
              {step.label}
            </Button>
          ))}
        </Group>
      </Stack>
    </Modal>
  );
}
