import { Checkbox, Chip, Group, Modal, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../../../electron/api/beneficiaries';
import { PROGRAM_KINDS, type ProgramDetail, type ProgramKind } from '../../../electron/api/programs';
import { useSaveForm } from '../../api/use-save-form';
import { ChoiceField } from '../../components/ChoiceField';
import { DateField } from '../../components/DateField';
import { SaveForm } from '../../components/SaveForm';

type Count = number | '';

interface EditorValues {
  nameAr: string;
  nameEn: string;
  kind: ProgramKind;
  description: string;
  conditions: string;
  categories: Category[];
  gender: 'both' | 'male' | 'female';
  ageMin: Count;
  ageMax: Count;
  hasInterview: boolean;
  capacity: Count;
  minAttendancePercent: Count;
  maxUnexcusedAbsences: Count;
  followUpAfterAbsences: Count;
  offerDays: Count;
  startsOn: string;
  endsOn: string;
  place: string;
}

/** The counts a program cannot be saved without: an empty one is said at its field before anything is sent. */
const REQUIRED_COUNTS = ['capacity', 'minAttendancePercent', 'followUpAfterAbsences', 'offerDays'] as const;

/** A new program starts from the rule the association uses most: 80 % attendance, follow-up after two absences, three days to take an offered place. */
const NEW_PROGRAM: EditorValues = {
  nameAr: '',
  nameEn: '',
  kind: 'training',
  description: '',
  conditions: '',
  categories: [],
  gender: 'both',
  ageMin: '',
  ageMax: '',
  hasInterview: false,
  capacity: 20,
  minAttendancePercent: 80,
  maxUnexcusedAbsences: 3,
  followUpAfterAbsences: 2,
  offerDays: 3,
  startsOn: '',
  endsOn: '',
  place: '',
};

function valuesOf(program: ProgramDetail): EditorValues {
  return {
    nameAr: program.nameAr,
    nameEn: program.nameEn ?? '',
    kind: program.kind,
    description: program.description,
    conditions: program.conditions ?? '',
    categories: program.categories,
    gender: program.gender ?? 'both',
    ageMin: program.ageMin ?? '',
    ageMax: program.ageMax ?? '',
    hasInterview: program.hasInterview,
    capacity: program.capacity,
    minAttendancePercent: program.minAttendancePercent,
    maxUnexcusedAbsences: program.maxUnexcusedAbsences ?? '',
    followUpAfterAbsences: program.followUpAfterAbsences,
    offerDays: program.offerDays,
    startsOn: program.startsOn,
    endsOn: program.endsOn,
    place: program.place ?? '',
  };
}

const countOrNull = (value: Count) => (value === '' ? null : value);

/**
 * Creates a program, or edits one at the version read: the Arabic name has the focus, Ctrl+Enter
 * saves, Esc closes. Who it is for, its completion rule and its dates are all on one form.
 */
export function ProgramEditorModal({
  opened,
  program,
  onClose,
  onSaved,
}: {
  opened: boolean;
  /** The program to edit; null for a new one. */
  program: ProgramDetail | null;
  onClose: () => void;
  onSaved: (program: ProgramDetail) => void;
}) {
  const { t } = useTranslation('programs');
  const form = useSaveForm('programs.save', {
    initial: NEW_PROGRAM,
    check: (values) => {
      const missing = REQUIRED_COUNTS.filter((field) => values[field] === '');
      return missing.length === 0 ? null : Object.fromEntries(missing.map((field) => [field, t('errors:validation.required')]));
    },
    input: (values) => ({
      ...(program ? { id: program.id, expectedVersion: program.rowVersion } : {}),
      fields: {
        nameAr: values.nameAr,
        nameEn: values.nameEn,
        kind: values.kind,
        description: values.description,
        conditions: values.conditions,
        categories: values.categories,
        gender: values.gender === 'both' ? null : values.gender,
        ageMin: countOrNull(values.ageMin),
        ageMax: countOrNull(values.ageMax),
        hasInterview: values.hasInterview,
        capacity: values.capacity as number,
        minAttendancePercent: values.minAttendancePercent as number,
        maxUnexcusedAbsences: countOrNull(values.maxUnexcusedAbsences),
        followUpAfterAbsences: values.followUpAfterAbsences as number,
        offerDays: values.offerDays as number,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        place: values.place,
      },
    }),
    fieldOf: (path) => path.replace(/^fields\./, '').replace(/\.\d+$/, ''),
    savedMessage: t('editor.saved'),
    onSaved: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { values, set, errors, fill, clearError } = form;

  useEffect(() => {
    // Each opening starts from the program as it is (or afresh).
    if (!opened) return;
    fill(program ? valuesOf(program) : NEW_PROGRAM);
    clearError();
  }, [opened, program, fill, clearError]);

  const count = (field: keyof EditorValues & ('ageMin' | 'ageMax' | 'capacity' | 'minAttendancePercent' | 'maxUnexcusedAbsences' | 'followUpAfterAbsences' | 'offerDays'), min: number, max: number) => ({
    label: t(`editor.${field}`),
    value: values[field],
    onChange: (value: string | number) => set(field, value === '' ? '' : Number(value)),
    min,
    max,
    allowDecimal: false,
    allowNegative: false,
    error: errors[field],
  });

  return (
    <Modal opened={opened} onClose={onClose} title={program ? t('editor.editTitle') : t('editor.newTitle')} size="xl">
      <SaveForm form={form} onCancel={onClose} cancelLabel={t('editor.cancel')} saveLabel={t('editor.save')}>
        <SimpleGrid cols={2}>
          <TextInput label={t('editor.nameAr')} value={values.nameAr} onChange={(event) => set('nameAr', event.currentTarget.value)} error={errors.nameAr} required data-autofocus />
          <TextInput label={t('editor.nameEn')} value={values.nameEn} onChange={(event) => set('nameEn', event.currentTarget.value)} error={errors.nameEn} dir="ltr" lang="en" />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <ChoiceField
            label={t('editor.kind')}
            data={PROGRAM_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
            value={values.kind}
            onChange={(value) => set('kind', (value ?? 'training') as ProgramKind)}
            error={errors.kind}
            required
          />
          <TextInput label={t('editor.place')} value={values.place} onChange={(event) => set('place', event.currentTarget.value)} error={errors.place} />
        </SimpleGrid>
        <Textarea label={t('editor.description')} value={values.description} onChange={(event) => set('description', event.currentTarget.value)} error={errors.description} required autosize minRows={2} />
        <Textarea label={t('editor.conditions')} value={values.conditions} onChange={(event) => set('conditions', event.currentTarget.value)} error={errors.conditions} autosize minRows={2} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('editor.categories')}
          </Text>
          <Chip.Group multiple value={values.categories} onChange={(value) => set('categories', value as Category[])}>
            <Group gap="xs">
              {CATEGORIES.map((category) => (
                <Chip key={category} value={category} variant="outline">
                  {t(`beneficiaries:category.${category}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.categories ? (
            <Text size="sm" c="red">
              {errors.categories}
            </Text>
          ) : null}
        </Stack>
        <SimpleGrid cols={3}>
          <ChoiceField
            label={t('editor.gender')}
            data={[
              { value: 'both', label: t('editor.bothGenders') },
              { value: 'male', label: t('beneficiaries:gender.male') },
              { value: 'female', label: t('beneficiaries:gender.female') },
            ]}
            value={values.gender}
            onChange={(value) => set('gender', (value ?? 'both') as EditorValues['gender'])}
            error={errors.gender}
          />
          <NumberInput {...count('ageMin', 0, 120)} />
          <NumberInput {...count('ageMax', 0, 120)} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <DateField label={t('editor.startsOn')} value={values.startsOn} onChange={(value) => set('startsOn', value)} error={errors.startsOn} required />
          <DateField label={t('editor.endsOn')} value={values.endsOn} onChange={(value) => set('endsOn', value)} error={errors.endsOn} required />
          <NumberInput {...count('capacity', 1, 10_000)} required />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <NumberInput {...count('minAttendancePercent', 0, 100)} required />
          <NumberInput {...count('maxUnexcusedAbsences', 0, 1000)} />
          <NumberInput {...count('followUpAfterAbsences', 1, 100)} required />
          <NumberInput {...count('offerDays', 1, 60)} required />
        </SimpleGrid>
        <Checkbox label={t('editor.hasInterview')} checked={values.hasInterview} onChange={(event) => set('hasInterview', event.currentTarget.checked)} />
      </SaveForm>
    </Modal>
  );
}
