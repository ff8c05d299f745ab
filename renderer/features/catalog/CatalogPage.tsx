import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ComplaintTargetsPanel } from '../complaints/ComplaintTargetsPanel';
import { AuthoritiesPanel } from '../letters/AuthoritiesPanel';
import { HolidaysPanel } from '../requests/HolidaysPanel';
import { RequestTypesPanel } from '../requests/RequestTypesPanel';

/** The administrator's reference lists: request types and their targets, holidays, authorities, complaint targets. */
export function CatalogPage() {
  const { t } = useTranslation('catalog');
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Tabs defaultValue="requestTypes" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="requestTypes">{t('tabs.requestTypes')}</Tabs.Tab>
          <Tabs.Tab value="holidays">{t('tabs.holidays')}</Tabs.Tab>
          <Tabs.Tab value="authorities">{t('tabs.authorities')}</Tabs.Tab>
          <Tabs.Tab value="complaintTargets">{t('tabs.complaintTargets')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requestTypes" pt="md">
          <RequestTypesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="holidays" pt="md">
          <HolidaysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="authorities" pt="md">
          <AuthoritiesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="complaintTargets" pt="md">
          <ComplaintTargetsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
