import { Checkbox, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../electron/api/permissions';
import type { Result } from '../../../electron/api/result';
import type { UserAccount } from '../../../electron/api/users';
import { useApi } from '../../api/context';
import { useSubmit } from '../../api/use-save-form';
import { ChoiceField } from '../../components/ChoiceField';
import { CheckedForm } from '../../components/CheckedForm';
import { PasswordField } from '../../components/PasswordField';
import { FormFooter } from '../../components/SaveForm';

export type UserModalMode = 'create' | 'edit' | 'reset';

/** Creating an account, changing its name, role or status, or giving it a temporary password. */
export function UserModal({
  mode,
  user,
  onClose,
  onSaved,
}: {
  mode: UserModalMode;
  user: UserAccount | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('users');
  const api = useApi();
  const { submit, errors, failure, busy } = useSubmit({ failureWithFields: true });
  const [values, setValues] = useState({
    displayName: user?.displayName ?? '',
    username: user?.username ?? '',
    role: (user?.role ?? 'officer') as Role,
    active: user?.active ?? true,
    password: '',
  });

  const send = (): Promise<Result<UserAccount>> => {
    if (mode === 'create') {
      return api['users.create']({ displayName: values.displayName, username: values.username, role: values.role, password: values.password });
    }
    if (mode === 'edit' && user) {
      return api['users.update']({
        id: user.id,
        displayName: values.displayName,
        role: values.role,
        active: values.active,
        ...(values.password ? { password: values.password } : {}),
      });
    }
    return api['users.resetPassword']({ id: user!.id, password: values.password });
  };

  const save = () => submit(send, { savedMessage: t(mode === 'create' ? 'create.done' : mode === 'edit' ? 'edit.done' : 'reset.done'), onSaved });

  const title = mode === 'create' ? t('create.title') : mode === 'edit' ? t('edit.title', { name: user?.displayName }) : t('reset.title', { name: user?.displayName });
  const needsPassword = mode !== 'edit' || (values.active && user !== null && !user.active);

  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <CheckedForm onSave={save}>
        <Stack gap="md">
          {mode === 'reset' ? <Text c="dimmed">{t('reset.intro')}</Text> : null}
          {mode !== 'reset' ? (
            <>
              <TextInput
                label={t('fields.displayName')}
                value={values.displayName}
                onChange={(event) => setValues({ ...values, displayName: event.currentTarget.value })}
                error={errors.displayName}
                required
                data-autofocus
              />
              <TextInput
                label={t('fields.username')}
                value={values.username}
                onChange={(event) => setValues({ ...values, username: event.currentTarget.value })}
                error={errors.username}
                disabled={mode === 'edit'}
                dir="ltr"
                required
              />
              <ChoiceField
                label={t('fields.role')}
                data={ROLES.map((role) => ({ value: role, label: t(`session:menu.role.${role}`) }))}
                value={values.role}
                onChange={(role) => setValues({ ...values, role: (role ?? 'officer') as Role })}
                error={errors.role}
                allowDeselect={false}
              />
            </>
          ) : null}
          {mode === 'edit' ? (
            <Checkbox checked={values.active} onChange={(event) => setValues({ ...values, active: event.currentTarget.checked })} label={t('edit.active')} />
          ) : null}
          {needsPassword ? (
            <PasswordField
              purpose="new"
              label={mode === 'create' ? t('create.password') : mode === 'edit' ? t('edit.password') : t('reset.password')}
              description={t('create.passwordHint')}
              value={values.password}
              onChange={(password) => setValues({ ...values, password })}
              error={errors.password}
              data-autofocus={mode === 'reset' ? true : undefined}
            />
          ) : null}
          <FormFooter
            failure={failure}
            busy={busy}
            onCancel={onClose}
            cancelLabel={t('cancel')}
            saveLabel={mode === 'create' ? t('create.submit') : mode === 'edit' ? t('edit.submit') : t('reset.submit')}
          />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
