import { Checkbox, NumberInput, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestTypeView } from '../../../electron/api/requests';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { Ltr } from '../../components/Ltr';
import { SaveForm } from '../../components/SaveForm';
import { ActiveBadge, CatalogPanel, type CatalogFormProps } from '../catalog/CatalogPanel';

/** The request catalog: names, whether an authority is needed, the target in working days. */
export function RequestTypesPanel() {
  const { t } = useTranslation('requests');
  const [showInactive, setShowInactive] = useState(true);
  const types = useCall('requests.types', showInactive ? {} : { active: true });

  return (
    <CatalogPanel
      list={types}
      intro={t('types.intro')}
      addLabel={t('types.add')}
      filter={<Checkbox label={t('types.showInactive')} checked={showInactive} onChange={(event) => setShowInactive(event.currentTarget.checked)} />}
      label={t('types.title')}
      columns={[
        { header: t('types.nameAr'), cell: (type) => type.nameAr, cellProps: { fw: 500 } },
        { header: t('types.nameEn'), cell: (type) => <bdi dir="ltr">{type.nameEn}</bdi> },
        { header: t('types.code'), cell: (type) => <Ltr>{type.code}</Ltr> },
        { header: t('types.target'), cell: (type) => t('workingDayCount', { count: type.targetWorkingDays }) },
        { header: t('types.needsAuthority'), cell: (type) => (type.needsAuthority ? t('types.yes') : t('types.no')) },
        { header: t('types.status'), cell: (type) => <ActiveBadge active={type.active} activeLabel={t('types.active')} inactiveLabel={t('types.inactive')} /> },
      ]}
      editLabel={t('types.edit')}
      editActionLabel={(type) => t('types.editAction', { name: type.nameAr })}
      empty={t('types.empty')}
      formTitle={(type) => (type ? t('types.titleEdit') : t('types.titleAdd'))}
      form={RequestTypeForm}
    />
  );
}

function RequestTypeForm({ record: type, onClose, onSaved }: CatalogFormProps<RequestTypeView>) {
  const { t } = useTranslation('requests');
  const form = useSaveForm('requests.saveType', {
    initial: {
      nameAr: type?.nameAr ?? '',
      nameEn: type?.nameEn ?? '',
      code: type?.code ?? '',
      needsAuthority: type?.needsAuthority ?? false,
      targetWorkingDays: (type?.targetWorkingDays ?? 10) as number | '',
      active: type?.active ?? true,
    },
    input: (values) => ({
      id: type?.id ?? null,
      ...values,
      // An emptied box is sent as 0, so the refusal says it is out of range.
      targetWorkingDays: values.targetWorkingDays === '' ? 0 : values.targetWorkingDays,
    }),
    savedMessage: t('types.saved'),
    onSaved,
  });
  const { values, set, errors } = form;

  return (
    <SaveForm form={form} onCancel={onClose} cancelLabel={t('cancel')} saveLabel={t('save')}>
      <TextInput label={t('types.nameAr')} value={values.nameAr} onChange={(event) => set('nameAr', event.currentTarget.value)} error={errors.nameAr} required data-autofocus />
      <TextInput label={t('types.nameEn')} dir="ltr" value={values.nameEn} onChange={(event) => set('nameEn', event.currentTarget.value)} error={errors.nameEn} required />
      <TextInput
        label={t('types.code')}
        description={t('types.codeHint')}
        dir="ltr"
        value={values.code}
        onChange={(event) => set('code', event.currentTarget.value)}
        error={errors.code}
      />
      <NumberInput
        label={t('types.target')}
        description={t('types.targetHint')}
        value={values.targetWorkingDays}
        onChange={(value) => set('targetWorkingDays', value === '' ? '' : Number(value))}
        min={1}
        max={365}
        allowDecimal={false}
        error={errors.targetWorkingDays}
        required
        maw={220}
      />
      <Switch label={t('types.needsAuthorityLabel')} checked={values.needsAuthority} onChange={(event) => set('needsAuthority', event.currentTarget.checked)} />
      <Switch label={t('types.activeLabel')} checked={values.active} onChange={(event) => set('active', event.currentTarget.checked)} />
    </SaveForm>
  );
}
