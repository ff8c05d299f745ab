import { Checkbox, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorityView } from '../../../electron/api/letters';
import { useCall } from '../../api/use-call';
import { useSaveForm } from '../../api/use-save-form';
import { SaveForm } from '../../components/SaveForm';
import { ActiveBadge, CatalogPanel, type CatalogFormProps } from '../catalog/CatalogPanel';

/** The authorities letters are sent to and received from. */
export function AuthoritiesPanel() {
  const { t } = useTranslation('letters');
  const [showInactive, setShowInactive] = useState(true);
  const authorities = useCall('authorities.list', { includeInactive: showInactive });

  return (
    <CatalogPanel
      list={authorities}
      intro={t('authorities.intro')}
      addLabel={t('authorities.add')}
      filter={<Checkbox label={t('authorities.showInactive')} checked={showInactive} onChange={(event) => setShowInactive(event.currentTarget.checked)} />}
      label={t('authorities.title')}
      columns={[
        { header: t('authorities.nameAr'), cell: (authority) => authority.nameAr, cellProps: { fw: 500 } },
        { header: t('authorities.nameEn'), cell: (authority) => (authority.nameEn ? <bdi dir="ltr">{authority.nameEn}</bdi> : null) },
        { header: t('authorities.status'), cell: (authority) => <ActiveBadge active={authority.active} activeLabel={t('authorities.active')} inactiveLabel={t('authorities.inactive')} /> },
      ]}
      editLabel={t('authorities.edit')}
      editActionLabel={(authority) => t('authorities.editAction', { name: authority.nameAr })}
      empty={t('authorities.empty')}
      formTitle={(authority) => (authority ? t('authorities.titleEdit') : t('authorities.titleAdd'))}
      form={AuthorityForm}
    />
  );
}

function AuthorityForm({ record: authority, onClose, onSaved }: CatalogFormProps<AuthorityView>) {
  const { t } = useTranslation('letters');
  const form = useSaveForm('authorities.save', {
    initial: { nameAr: authority?.nameAr ?? '', nameEn: authority?.nameEn ?? '', active: authority?.active ?? true },
    input: (values) => ({ id: authority?.id ?? null, ...values }),
    savedMessage: t('authorities.saved'),
    onSaved,
  });
  const { values, set, errors } = form;

  return (
    <SaveForm form={form} onCancel={onClose} cancelLabel={t('authorities.cancel')} saveLabel={t('authorities.save')}>
      <TextInput label={t('authorities.nameAr')} value={values.nameAr} onChange={(event) => set('nameAr', event.currentTarget.value)} error={errors.nameAr} required data-autofocus />
      <TextInput label={t('authorities.nameEn')} value={values.nameEn} onChange={(event) => set('nameEn', event.currentTarget.value)} error={errors.nameEn} dir="ltr" />
      <Switch label={t('authorities.activeLabel')} checked={values.active} onChange={(event) => set('active', event.currentTarget.checked)} />
    </SaveForm>
  );
}
