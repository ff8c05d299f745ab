import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState, type ComponentType, type ReactNode } from 'react';
import { useErrorMessage } from '../../api/errors';
import type { CallState } from '../../api/use-call';
import { ListTable, type ListColumn } from '../../components/ListTable';

/** What a catalog form is given: the record (null when adding one), and how to leave. */
export interface CatalogFormProps<Row> {
  record: Row | null;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * One of the administrator's reference lists: an introduction and an add button, a table of the
 * records with an edit button on each, and the form that adds or edits one in a modal. Saving closes
 * the modal and reads the list again. The panel says what differs: its words, columns and form.
 */
export function CatalogPanel<Row extends { id: string }>({
  list,
  intro,
  addLabel,
  filter,
  label,
  columns,
  editLabel,
  editActionLabel,
  moreActions,
  empty,
  formTitle,
  form: Form,
  children,
}: {
  list: CallState<Row[]>;
  intro: string;
  addLabel: string;
  /** Shown between the introduction and the table, such as "show inactive ones too". */
  filter?: ReactNode;
  /** The table's accessible name. */
  label: string;
  /** The record's columns, before the one holding its buttons. */
  columns: readonly ListColumn<Row>[];
  editLabel: string;
  /** The edit button's accessible name, which names the row. */
  editActionLabel: (row: Row) => string;
  /** Buttons after a row's edit button. */
  moreActions?: (row: Row) => ReactNode;
  empty: string;
  formTitle: (record: Row | null) => string;
  form: ComponentType<CatalogFormProps<Row>>;
  /** More modals of the panel's own. */
  children?: ReactNode;
}) {
  const errorMessage = useErrorMessage();
  // null: closed; { record: null }: adding one.
  const [editing, setEditing] = useState<{ record: Row | null } | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" maw={700}>
          {intro}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ record: null })}>
          {addLabel}
        </Button>
      </Group>
      {filter}
      {list.error ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg">
        <ListTable
          verticalSpacing="sm"
          horizontalSpacing="md"
          label={label}
          rows={list.data}
          rowKey={(row) => row.id}
          emptyMessage={empty}
          columns={[
            ...columns,
            {
              cell: (row) => (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} aria-label={editActionLabel(row)} onClick={() => setEditing({ record: row })}>
                    {editLabel}
                  </Button>
                  {moreActions?.(row)}
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={formTitle(editing?.record ?? null)}>
        {editing ? (
          <Form
            record={editing.record}
            onClose={() => setEditing(null)}
            // The list reads again by itself after the save (see useCall).
            onSaved={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      {children}
    </Stack>
  );
}

/** Whether a record is still offered for new work. */
export function ActiveBadge({ active, activeLabel, inactiveLabel }: { active: boolean; activeLabel: string; inactiveLabel: string }) {
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="light">
      {active ? activeLabel : inactiveLabel}
    </Badge>
  );
}
