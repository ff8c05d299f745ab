import {
  ActionIcon,
  Button,
  Checkbox,
  Chip,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { District } from '../../../../electron/api/app';
import {
  BENEFICIARY_STATUSES,
  CATEGORIES,
  CONSENT_METHODS,
  GENDERS,
  HOUSEHOLD_RELATIONS,
  ID_TYPES,
  NEEDS,
  NEEDS_PRIORITIES,
  PRISONER_RELATIONS,
  PRISONER_STATUSES,
  RESIDENCY_STATUSES,
} from '../../../../electron/api/beneficiaries';
import { toLatinDigits } from '../../../../electron/api/fields/digits';
import { DateField } from '../../../components/DateField';
import { emptyHouseholdRow, type BeneficiaryFormValues } from './form-values';
import { enumOptions, nationalityOptions } from './options';
import { ChoiceField } from '../../../components/ChoiceField';

type Form = UseFormReturnType<BeneficiaryFormValues>;

/** A Select bound to a form string: the form keeps '' for "nothing chosen", Mantine wants null. */
function selectInput(form: Form, path: string) {
  const props = form.getInputProps(path);
  return {
    ...props,
    value: (props.value as string) || null,
    onChange: (value: string | null) => form.setFieldValue(path, value ?? ''),
  };
}

export function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={title}>
      <Group justify="space-between" mb="md">
        <Title order={4}>{title}</Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

export function IdentitySection({ form, onIdBlur, idNotice }: { form: Form; onIdBlur: () => void; idNotice: ReactNode }) {
  const { t, i18n } = useTranslation('beneficiaries');
  const idType = form.values.idType;
  return (
    <Section title={t('sections.identity')}>
      <Stack gap="md">
        <SimpleGrid cols={3}>
          <TextInput
            label={t('fields.idNumber')}
            required
            autoFocus
            dir="ltr"
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('idNumber')}
            onChange={(event) => {
              const typed = event.currentTarget.value;
              form.setFieldValue('idNumber', typed);
              // The first digit of a Saudi number says what it is; save the officer a choice.
              const first = toLatinDigits(typed.trim()).charAt(0);
              if (idType !== 'passport' && (first === '1' || first === '2')) {
                const inferred = first === '1' ? 'national_id' : 'iqama';
                if (inferred !== idType) chooseIdType(form, inferred);
              }
            }}
            onBlur={(event) => {
              form.getInputProps('idNumber').onBlur?.(event);
              onIdBlur();
            }}
          />
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              {t('fields.idType')}
            </Text>
            <SegmentedControl
              data={enumOptions(ID_TYPES, (value) => t(`idType.${value}`))}
              value={idType}
              onChange={(value) => chooseIdType(form, value)}
              aria-label={t('fields.idType')}
            />
          </Stack>
          <ChoiceField
            label={t('fields.nationality')}
            required
            searchable
            data={nationalityOptions(i18n.language)}
            {...selectInput(form, 'nationality')}
          />
        </SimpleGrid>
        {idNotice}
        <SimpleGrid cols={4}>
          <TextInput label={t('fields.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label={t('fields.fatherName')} required autoComplete="off" {...form.getInputProps('fatherName')} />
          <TextInput label={t('fields.grandfatherName')} required autoComplete="off" {...form.getInputProps('grandfatherName')} />
          <TextInput label={t('fields.familyName')} required autoComplete="off" {...form.getInputProps('familyName')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label={t('fields.latinName')} dir="ltr" autoComplete="off" {...form.getInputProps('latinName')} />
          <Stack gap={4}>
            <Text fz="sm" fw={500}>
              {t('fields.gender')} <Text component="span" c="red">*</Text>
            </Text>
            <SegmentedControl
              data={enumOptions(GENDERS, (value) => t(`gender.${value}`))}
              value={form.values.gender}
              onChange={(value) => form.setFieldValue('gender', value)}
              aria-label={t('fields.gender')}
              aria-invalid={form.errors.gender ? true : undefined}
            />
            {form.errors.gender ? (
              <Text c="red" fz="xs">
                {form.errors.gender}
              </Text>
            ) : null}
          </Stack>
          <DateField
            label={t('fields.birthDate')}
            value={form.values.birthDate}
            onChange={(value) => form.setFieldValue('birthDate', value)}
            error={form.errors.birthDate as string | undefined}
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <ChoiceField
            label={t('fields.residencyStatus')}
            required
            data={enumOptions(RESIDENCY_STATUSES, (value) => t(`residency.${value}`))}
            {...selectInput(form, 'residencyStatus')}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

/** Choosing the kind of ID sets the obvious nationality and residency, which the officer can still change. */
function chooseIdType(form: Form, idType: string) {
  form.setFieldValue('idType', idType);
  if (idType === 'national_id') {
    form.setFieldValue('nationality', 'SA');
    form.setFieldValue('residencyStatus', 'citizen');
  } else if (idType === 'iqama') {
    if (form.values.nationality === 'SA') form.setFieldValue('nationality', '');
    if (form.values.residencyStatus === 'citizen') form.setFieldValue('residencyStatus', 'resident');
  }
}

export function ContactSection({ form, districts, onContactBlur }: { form: Form; districts: District[]; onContactBlur: () => void }) {
  const { t, i18n } = useTranslation('beneficiaries');
  return (
    <Section title={t('sections.contact')}>
      <SimpleGrid cols={3}>
        {form.values.phones.map((_, index) => (
          <TextInput
            key={index}
            label={index === 0 ? t('fields.phone') : t('fields.phoneOther')}
            dir="ltr"
            inputMode="tel"
            placeholder="05X XXX XXXX"
            autoComplete="off"
            {...form.getInputProps(`phones.${index}`)}
            onBlur={(event) => {
              form.getInputProps(`phones.${index}`).onBlur?.(event);
              onContactBlur();
            }}
          />
        ))}
        <ChoiceField
          label={t('fields.district')}
          searchable
          clearable
          data={districts.map((district) => ({ value: district.id, label: i18n.language === 'ar' ? district.nameAr : district.nameEn }))}
          {...selectInput(form, 'districtId')}
        />
      </SimpleGrid>
      <TextInput mt="md" label={t('fields.address')} {...form.getInputProps('address')} />
    </Section>
  );
}

export function PrisonerSection({ form }: { form: Form }) {
  const { t } = useTranslation('beneficiaries');
  const isFamily = form.values.category === 'family_member';
  return (
    <Section title={t('sections.prisoner')}>
      <Stack gap="md">
        <Stack gap={4}>
          <Text fz="sm" fw={500}>
            {t('fields.category')} <Text component="span" c="red">*</Text>
          </Text>
          <SegmentedControl
            data={enumOptions(CATEGORIES, (value) => t(`category.${value}`))}
            value={form.values.category}
            onChange={(value) => form.setFieldValue('category', value)}
            aria-label={t('fields.category')}
            aria-invalid={form.errors.category ? true : undefined}
          />
          {form.errors.category ? (
            <Text c="red" fz="xs">
              {form.errors.category}
            </Text>
          ) : null}
        </Stack>
        <SimpleGrid cols={4}>
          {isFamily ? (
            <ChoiceField
              label={t('fields.prisonerRelation')}
              required
              data={enumOptions(PRISONER_RELATIONS.filter((relation) => relation !== 'self'), (value) => t(`relation.${value}`))}
              {...selectInput(form, 'prisonerRelation')}
            />
          ) : null}
          {isFamily ? <TextInput label={t('fields.prisonerName')} {...form.getInputProps('prisonerName')} /> : null}
          <TextInput label={t('fields.prisonerFacility')} {...form.getInputProps('prisonerFacility')} />
          <ChoiceField
            label={t('fields.prisonerStatus')}
            clearable
            data={enumOptions(PRISONER_STATUSES, (value) => t(`prisonerStatus.${value}`))}
            {...selectInput(form, 'prisonerStatus')}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

export function HouseholdSection({ form }: { form: Form }) {
  const { t } = useTranslation('beneficiaries');
  const add = () => form.insertListItem('household', emptyHouseholdRow());
  return (
    <Section
      title={t('sections.household')}
      aside={
        <Button variant="light" size="xs" leftSection={<IconPlus size={16} />} onClick={add}>
          {t('household.add')}
        </Button>
      }
    >
      {form.values.household.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t('household.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {form.values.household.map((_, index) => (
            <Group key={index} gap="sm" align="flex-start" wrap="nowrap">
              <TextInput style={{ flex: 2 }} label={t('household.fullName')} required {...form.getInputProps(`household.${index}.fullName`)} />
              <ChoiceField style={{ flex: 1 }} label={t('household.relation')} required data={enumOptions(HOUSEHOLD_RELATIONS, (value) => t(`relation.${value}`))} {...selectInput(form, `household.${index}.relation`)} />
              <div style={{ flex: 1 }}>
                <DateField
                  label={t('household.birthDate')}
                  value={form.values.household[index]?.birthDate ?? ''}
                  onChange={(value) => form.setFieldValue(`household.${index}.birthDate`, value)}
                  error={form.errors[`household.${index}.birthDate`] as string | undefined}
                />
              </div>
              <TextInput style={{ flex: 1 }} label={t('household.idNumber')} dir="ltr" {...form.getInputProps(`household.${index}.idNumber`)} />
              <ActionIcon
                mt={26}
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('household', index)}
                aria-label={t('household.remove')}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function NeedsSection({ form }: { form: Form }) {
  const { t } = useTranslation('beneficiaries');
  return (
    <Section title={t('sections.needs')}>
      <Stack gap="md">
        <Chip.Group multiple value={form.values.needs} onChange={(value) => form.setFieldValue('needs', value)}>
          <Group gap="xs">
            {NEEDS.map((need) => (
              <Chip key={need} value={need} variant="outline">
                {t(`needs.${need}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <SimpleGrid cols={3}>
          <ChoiceField label={t('fields.needsPriority')} clearable data={enumOptions(NEEDS_PRIORITIES, (value) => t(`priority.${value}`))} {...selectInput(form, 'needsPriority')} />
        </SimpleGrid>
        <Textarea label={t('fields.needsNotes')} autosize minRows={2} {...form.getInputProps('needsNotes')} />
      </Stack>
    </Section>
  );
}

export function ConsentSection({ form, editing }: { form: Form; editing: boolean }) {
  const { t } = useTranslation('beneficiaries');
  return (
    <Section title={t('sections.consent')}>
      <Stack gap="md">
        <Checkbox
          label={t('fields.consentGiven')}
          description={t('consent.explain')}
          {...form.getInputProps('consentGiven', { type: 'checkbox' })}
        />
        {form.values.consentGiven ? (
          <SimpleGrid cols={3}>
            <DateField
              label={t('fields.consentDate')}
              required
              value={form.values.consentDate}
              onChange={(value) => form.setFieldValue('consentDate', value)}
              error={form.errors.consentDate as string | undefined}
            />
            <ChoiceField label={t('fields.consentMethod')} required data={enumOptions(CONSENT_METHODS, (value) => t(`consentMethod.${value}`))} {...selectInput(form, 'consentMethod')} />
          </SimpleGrid>
        ) : null}
        {editing ? (
          <SimpleGrid cols={3}>
            <ChoiceField label={t('fields.status')} required data={enumOptions(BENEFICIARY_STATUSES, (value) => t(`status.${value}`))} {...selectInput(form, 'status')} />
          </SimpleGrid>
        ) : null}
        <Textarea label={t('fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
      </Stack>
    </Section>
  );
}
