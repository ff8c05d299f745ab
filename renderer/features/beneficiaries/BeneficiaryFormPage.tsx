import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { beneficiaryFields, type BeneficiarySummary } from '../../../electron/api/beneficiaries';
import type { ApiError } from '../../../electron/api/result';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { Ltr } from '../../components/Ltr';
import { useFormAttention } from '../../components/form-attention';
import { Shortcut } from '../../components/Shortcut';
import { emptyValues, fieldsFromValues, valuesFromDetail, type BeneficiaryFormValues } from './form/form-values';
import { ConsentSection, ContactSection, HouseholdSection, IdentitySection, NeedsSection, PrisonerSection } from './form/sections';
import { byPhysicalKey } from '../../app/hotkeys';
import { guardUnsavedWork } from '../../app/leave-guard';
import { isolateLtr } from '../../lib/bidi';
import { takePrefill } from './prefill';

/**
 * Registering a new beneficiary, or editing one (`id`). A field the officer changed is checked as they
 * leave it, with the same rules the app applies when saving (a field merely tabbed through is not);
 * Ctrl+Enter saves from anywhere in the form, and a refused save points to the first field in error.
 */
export function BeneficiaryFormPage({ id }: { id?: string }) {
  const { t } = useTranslation('beneficiaries');
  const api = useApi();
  const [, navigate] = useLocation();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const translateErrors = useTranslation('errors').t;
  // Fills the form: a write elsewhere must not overwrite what is being typed.
  const existing = useCall('beneficiaries.get', id ? { id } : null, { followChanges: false });
  const districts = useCall('lookups.districts', {});
  const [sameId, setSameId] = useState<BeneficiarySummary | null>(null);
  const [likely, setLikely] = useState<BeneficiarySummary[]>([]);
  const [confirmingDuplicates, setConfirmingDuplicates] = useState<BeneficiarySummary[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  // The form on screen, where a refused save finds its first field in error.
  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);
  const attention = useFormAttention();

  // What was typed in the search box before "register new", taken once when the form opens.
  const [prefill] = useState(() => (id ? null : (takePrefill() as Partial<BeneficiaryFormValues> | null)));

  const form = useForm<BeneficiaryFormValues>({
    mode: 'controlled',
    initialValues: { ...emptyValues(), ...prefill },
    // Red after a change, not from tabbing through an empty form; a save attempt checks everything.
    enhanceGetInputProps: ({ field, form: current }) => ({
      onBlur: () => {
        if (current.isDirty(field)) current.validateField(field);
      },
    }),
    validate: (values) => {
      const parsed = beneficiaryFields.safeParse(fieldsFromValues(values));
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        errors[issue.path.join('.')] ??= translateErrors(issue.message, { defaultValue: translateErrors('validation.invalid') });
      }
      return errors;
    },
  });

  useEffect(() => {
    if (existing.data) {
      form.setValues(valuesFromDetail(existing.data));
      form.resetDirty();
    }
    // Only when a record arrives; `form` is stable in behaviour but not in identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing.data]);

  const checkDuplicates = async () => {
    const values = form.getValues();
    const result = await api['beneficiaries.checkDuplicates']({
      excludeId: id ?? null,
      idType: values.idType as 'national_id',
      idNumber: values.idNumber,
      firstName: values.firstName,
      fatherName: values.fatherName,
      grandfatherName: values.grandfatherName,
      familyName: values.familyName,
      phones: values.phones,
      birthDate: /^\d{4}-\d{2}-\d{2}$/.test(values.birthDate) ? values.birthDate : null,
    });
    if (result.ok) {
      setSameId(result.value.sameId);
      setLikely(result.value.likely);
    }
  };

  const save = async (confirmNotDuplicate: boolean) => {
    if (attention.refuseTypedChoices(formElement)) return;
    const validation = form.validate();
    if (validation.hasErrors) {
      setFormError(t('form.fixErrors'));
      await attention.pointToErrors(formElement);
      return;
    }
    setSaving(true);
    setFormError(null);
    const fields = fieldsFromValues(form.getValues());
    const result = id
      ? await api['beneficiaries.update']({ id, expectedVersion: existing.data?.rowVersion ?? 0, fields, confirmNotDuplicate })
      : await api['beneficiaries.register']({ fields, confirmNotDuplicate });
    setSaving(false);
    if (result.ok) {
      notifications.show({ color: 'teal', message: id ? t('form.updated') : t('form.registered', { fileNumber: isolateLtr(result.value.fileNumber) }) });
      navigate(`/beneficiaries/${result.value.id}`);
      return;
    }
    handleRefusal(result.error);
    await attention.pointToErrors(formElement);
  };

  const handleRefusal = (error: ApiError) => {
    if (error.code === 'possible_duplicate') {
      setConfirmingDuplicates((error.details?.likely as BeneficiarySummary[] | undefined) ?? []);
      return;
    }
    if (error.code === 'duplicate') setSameId((error.details?.holder as BeneficiarySummary | undefined) ?? null);
    form.setErrors(fieldErrors(error));
    setFormError(errorMessage(error));
  };

  // Typing not yet saved is guarded; saving itself navigates away directly, without asking.
  useEffect(() => guardUnsavedWork(() => form.isDirty()), [form]);

  useHotkeys(byPhysicalKey([['mod+Enter', () => void (saving ? undefined : save(false))]]), []);

  if (id && existing.loading && !existing.data) return <Loader />;
  if (id && existing.error) return <Alert color="red">{errorMessage(existing.error)}</Alert>;

  const idNotice = sameId ? (
    <Alert color="red" icon={<IconCopy size={18} />} title={t('duplicates.sameIdTitle')}>
      {t('duplicates.sameIdBody')}{' '}
      <Anchor href={`#/beneficiaries/${sameId.id}`} fw={600}>
        {sameId.fullName} (<Ltr>{sameId.fileNumber}</Ltr>)
      </Anchor>
    </Alert>
  ) : null;

  return (
    <form
      ref={setFormElement}
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
      noValidate
    >
      <Stack gap="lg" maw={1200}>
        <Group justify="space-between">
          <Title order={2}>{id ? t('form.editTitle', { name: existing.data?.fullName ?? '' }) : t('form.registerTitle')}</Title>
          <Text c="dimmed" fz="sm">
            {t('form.requiredHint')}
          </Text>
        </Group>
        <IdentitySection form={form} onIdBlur={() => void checkDuplicates()} idNotice={idNotice} />
        <ContactSection form={form} districts={districts.data ?? []} onContactBlur={() => void checkDuplicates()} />
        {likely.length > 0 ? (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('duplicates.likelyTitle')}>
            <Stack gap={4}>
              <Text fz="sm">{t('duplicates.likelyBody')}</Text>
              {likely.map((person) => (
                <Anchor key={person.id} href={`#/beneficiaries/${person.id}`} fz="sm">
                  {person.fullName} · <Ltr>{person.fileNumber}</Ltr>
                </Anchor>
              ))}
            </Stack>
          </Alert>
        ) : null}
        <PrisonerSection form={form} />
        <HouseholdSection form={form} />
        <NeedsSection form={form} />
        <ConsentSection form={form} editing={Boolean(id)} />
        {formError ? (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        ) : null}
        <Group gap="md">
          <Button type="submit" size="md" loading={saving}>
            {id ? t('form.saveChanges') : t('form.register')}
            <Shortcut keys={['Ctrl', 'Enter']} />
          </Button>
          <Button variant="default" size="md" onClick={() => navigate(id ? `/beneficiaries/${id}` : '/')}>
            {t('form.cancel')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirmingDuplicates !== null} onClose={() => setConfirmingDuplicates(null)} title={t('duplicates.confirmTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack gap="md">
          <Text>{t('duplicates.confirmBody')}</Text>
          {(confirmingDuplicates ?? []).map((person) => (
            <Anchor key={person.id} href={`#/beneficiaries/${person.id}`} onClick={() => setConfirmingDuplicates(null)}>
              {person.fullName} · <Ltr>{person.fileNumber}</Ltr> · {t(`category.${person.category}`)}
            </Anchor>
          ))}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmingDuplicates(null)} data-autofocus>
              {t('duplicates.goBack')}
            </Button>
            <Button
              color="orange"
              onClick={() => {
                setConfirmingDuplicates(null);
                void save(true);
              }}
            >
              {t('duplicates.differentPerson')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
