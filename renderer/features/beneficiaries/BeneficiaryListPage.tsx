import { Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import {
  BENEFICIARY_STATUSES,
  CATEGORIES,
  LIST_SORTS,
  type BeneficiarySummary,
} from '../../../electron/api/beneficiaries';
import { ELIGIBILITY_OUTCOMES } from '../../../electron/api/eligibility';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { CategoryBadge, EligibilityBadge, StatusBadge } from '../../components/badges';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { enumOptions } from './form/options';
import type { ExportSubjectInput } from '../../../electron/api/exports';
import { ExportMenu } from '../exports/ExportMenu';
import { ChoiceField } from '../../components/ChoiceField';

type BeneficiaryExportFilters = Extract<ExportSubjectInput, { kind: 'beneficiaries' }>['filters'];

const PAGE_SIZE = 50;

/** The registry, filtered and sorted by the database a page at a time, so it stays quick at 100,000 people. */
export function BeneficiaryListPage() {
  const { t, i18n } = useTranslation('beneficiaries');
  const [, navigate] = useLocation();
  const errorMessage = useErrorMessage();
  const [filters, setFilters] = useState({ category: '', districtId: '', eligibility: '', status: '', sort: 'name' });
  const [page, setPage] = useState(1);
  const districts = useCall('lookups.districts', {});
  const list = useCall('beneficiaries.list', {
    category: filters.category as BeneficiarySummary['category'] | '',
    districtId: filters.districtId,
    eligibility: filters.eligibility as BeneficiarySummary['eligibility'] | '',
    status: filters.status as BeneficiarySummary['status'] | '',
    sort: filters.sort as (typeof LIST_SORTS)[number],
    page,
    pageSize: PAGE_SIZE,
  });

  const setFilter = (name: keyof typeof filters) => (value: string | null) => {
    setFilters((current) => ({ ...current, [name]: value ?? '' }));
    setPage(1);
  };
  const districtName = (districtId: string | null) => {
    const district = districts.data?.find((candidate) => candidate.id === districtId);
    return district ? (i18n.language === 'ar' ? district.nameAr : district.nameEn) : '—';
  };
  const open = (person: BeneficiarySummary) => navigate(`/beneficiaries/${person.id}`);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="lg" maw={1300}>
      <Group justify="space-between">
        <Title order={2}>{t('list.title')}</Title>
        <Group>
          {list.data ? (
            <Text c="dimmed">{t('list.count', { count: list.data.total, formatted: list.data.total.toLocaleString(i18n.language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB') })}</Text>
          ) : null}
          <ExportMenu
            subject={{
              kind: 'beneficiaries',
              filters: { category: filters.category, districtId: filters.districtId, eligibility: filters.eligibility, status: filters.status } as BeneficiaryExportFilters,
            }}
            disabled={list.data?.total === 0}
          />
        </Group>
      </Group>
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" grow>
          <ChoiceField label={t('fields.category')} clearable placeholder={t('list.all')} data={enumOptions(CATEGORIES, (value) => t(`category.${value}`))} value={filters.category || null} onChange={setFilter('category')} />
          <ChoiceField
            label={t('fields.district')}
            clearable
            searchable
            placeholder={t('list.all')}
            data={(districts.data ?? []).map((district) => ({ value: district.id, label: i18n.language === 'ar' ? district.nameAr : district.nameEn }))}
            value={filters.districtId || null}
            onChange={setFilter('districtId')}
          />
          <ChoiceField label={t('list.eligibility')} clearable placeholder={t('list.all')} data={enumOptions(ELIGIBILITY_OUTCOMES, (value) => t(`eligibility.${value}`))} value={filters.eligibility || null} onChange={setFilter('eligibility')} />
          <ChoiceField label={t('fields.status')} clearable placeholder={t('list.all')} data={enumOptions(BENEFICIARY_STATUSES, (value) => t(`status.${value}`))} value={filters.status || null} onChange={setFilter('status')} />
          <ChoiceField label={t('list.sort')} data={enumOptions(LIST_SORTS, (value) => t(`sort.${value}`))} value={filters.sort} onChange={(value) => setFilter('sort')(value ?? 'name')} allowDeselect={false} />
        </Group>
      </Paper>
      {list.error ? <Text c="red">{errorMessage(list.error)}</Text> : null}
      <Paper withBorder radius="lg">
        <ListTable
          highlightOnHover
          verticalSpacing="sm"
          horizontalSpacing="md"
          label={t('list.title')}
          rows={list.data?.rows ?? null}
          rowKey={(person) => person.id}
          onOpen={open}
          focusableRows
          emptyMessage={list.data?.total === 0 && !Object.values({ ...filters, sort: '' }).some(Boolean) ? t('list.emptyRegistry') : t('list.noMatch')}
          columns={[
            { header: t('fields.fileNumber'), cell: (person) => <Ltr>{person.fileNumber}</Ltr> },
            { header: t('list.name'), cell: (person) => <Text fw={500}>{person.fullName}</Text> },
            { header: t('list.id'), cell: (person) => <Ltr>…{person.idTail}</Ltr> },
            { header: t('fields.phone'), cell: (person) => (person.phoneTail ? <Ltr>{person.phoneTail}</Ltr> : '—') },
            { header: t('fields.district'), cell: (person) => districtName(person.districtId) },
            { header: t('fields.category'), cell: (person) => <CategoryBadge category={person.category} /> },
            {
              header: t('list.eligibility'),
              cell: (person) => (
                <Group gap={4}>
                  <EligibilityBadge outcome={person.eligibility} />
                  <StatusBadge status={person.status} />
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} siblings={2} /> : null}
    </Stack>
  );
}
