import { ActionIcon, Alert, Badge, Button, Group, Loader, Menu, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconCheck, IconEdit, IconLink, IconScale, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { BeneficiaryDetail } from '../../../electron/api/beneficiaries';
import type { EligibilityDecision } from '../../../electron/api/eligibility';
import { formatSaudiPhone } from '../../../electron/api/fields/phone';
import { useErrorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { CategoryBadge, EligibilityBadge, StatusBadge } from '../../components/badges';
import { DualDate } from '../../components/DualDate';
import { ListTable } from '../../components/ListTable';
import { Ltr } from '../../components/Ltr';
import { Shortcut } from '../../components/Shortcut';
import { ageOn, todayInRiyadh } from '../../lib/dates';
import { byPhysicalKey } from '../../app/hotkeys';
import { notifications } from '@mantine/notifications';
import { IconClipboardPlus, IconDots, IconFileExport, IconMail, IconMessagePlus, IconMessageReport, IconTrash } from '@tabler/icons-react';
import { useApi } from '../../api/context';
import { saveFile } from '../../lib/save-file';
import { BeneficiaryTrail } from '../audit/BeneficiaryTrail';
import { BeneficiaryTimeline } from '../timeline/BeneficiaryTimeline';
import type { ContactView } from '../../../electron/api/contacts';
import { NewComplaintModal } from '../complaints/NewComplaintModal';
import { ContactModal } from '../contacts/ContactModal';
import { UnlinkedMatches } from '../contacts/UnlinkedMatches';
import { LetterModal } from '../letters/LetterModal';
import { LinkRegisteredLetterModal } from '../letters/LinkLetterModals';
import { NewRequestModal } from '../requests/NewRequestModal';
import { EraseModal } from './EraseModal';
import { EligibilityDecisionModal } from '../eligibility/EligibilityDecisionModal';
import { EnrolModal } from '../enrolments/EnrolModal';
import { PersonPrograms } from '../enrolments/PersonPrograms';
import { useSession } from '../session/session-context';

/** One beneficiary's file: who they are, how to reach them, their link to a prisoner, and their eligibility. */
export function BeneficiaryPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('beneficiaries');
  const [, navigate] = useLocation();
  const errorMessage = useErrorMessage();
  const beneficiary = useCall('beneficiaries.get', { id });
  const districts = useCall('lookups.districts', {});
  const [deciding, setDeciding] = useState(false);
  const session = useSession();
  const api = useApi();
  const [erasing, setErasing] = useState(false);
  const [loggingContact, setLoggingContact] = useState(false);
  // A request or a complaint opened from the contact it came up in, or on its own (null source).
  const [openingRequest, setOpeningRequest] = useState<{ sourceContactId: string | null } | null>(null);
  const [receivingComplaint, setReceivingComplaint] = useState<{ sourceContactId: string | null; kind: 'complaint' | 'note' | 'suggestion' } | null>(null);
  const [registeringLetter, setRegisteringLetter] = useState(false);
  const [linkingLetter, setLinkingLetter] = useState(false);
  const [enrolling, setEnrolling] = useState(false);
  // Bumped when something is recorded, so the timeline reads again.
  const [recorded, setRecorded] = useState(0);

  useHotkeys(
    byPhysicalKey([
      // A file whose personal data was destroyed is not edited or decided on again.
      ['E', () => !beneficiary.data?.erasedAt && navigate(`/beneficiaries/${id}/edit`)],
      ['D', () => !beneficiary.data?.erasedAt && setDeciding(true)],
      ['C', () => !beneficiary.data?.erasedAt && setLoggingContact(true)],
      ['R', () => !beneficiary.data?.erasedAt && session.can('requests.handle') && setOpeningRequest({ sourceContactId: null })],
      ['K', () => !beneficiary.data?.erasedAt && session.can('complaints.handle') && setReceivingComplaint({ sourceContactId: null, kind: 'complaint' })],
      ['P', () => !beneficiary.data?.erasedAt && session.can('enrolments.handle') && setEnrolling(true)],
    ]),
  );

  const exportPersonalData = async () => {
    const result = await api['beneficiaries.exportPersonalData']({ id });
    if (!result.ok) {
      notifications.show({ color: 'red', message: errorMessage(result.error) });
      return;
    }
    saveFile(result.value);
  };

  /** A contact about a request or a complaint goes straight on to opening it, linked to the contact. */
  const followUp = (contact: ContactView) => {
    if (contact.purpose === 'request' && session.can('requests.handle')) setOpeningRequest({ sourceContactId: contact.id });
    if ((contact.purpose === 'complaint' || contact.purpose === 'note' || contact.purpose === 'suggestion') && session.can('complaints.handle')) {
      setReceivingComplaint({ sourceContactId: contact.id, kind: contact.purpose });
    }
  };
  const recordedSomething = () => setRecorded((count) => count + 1);

  if (beneficiary.error) return <Alert color="red">{errorMessage(beneficiary.error)}</Alert>;
  const person = beneficiary.data;
  if (!person) return <Loader />;
  const district = districts.data?.find((candidate) => candidate.id === person.districtId);

  return (
    <Stack gap="lg" maw={1200}>
      <Paper withBorder radius="lg" p="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Title order={2}>{person.fullName}</Title>
            {person.latinName ? (
              <Text c="dimmed" lang="en" dir="ltr" ta="start">
                {person.latinName}
              </Text>
            ) : null}
            <Group gap="xs">
              <Text c="dimmed" fz="sm">
                {t('fields.fileNumber')} <Ltr>{person.fileNumber}</Ltr>
              </Text>
              <CategoryBadge category={person.category} />
              <EligibilityBadge outcome={person.eligibility} />
              <StatusBadge status={person.status} />
              {person.erasedAt ? <Badge color="gray">{t('erase.erasedBadge')}</Badge> : null}
            </Group>
          </Stack>
          <Group gap="sm">
            {person.erasedAt ? null : (
              <>
                <Button leftSection={<IconMessagePlus size={18} />} onClick={() => setLoggingContact(true)}>
                  {t('contacts:log.button')} <Shortcut keys={['C']} />
                </Button>
                {session.can('requests.handle') ? (
                  <Button variant="light" leftSection={<IconClipboardPlus size={18} />} onClick={() => setOpeningRequest({ sourceContactId: null })}>
                    {t('page.newRequest')} <Shortcut keys={['R']} />
                  </Button>
                ) : null}
                <Button variant="light" leftSection={<IconScale size={18} />} onClick={() => setDeciding(true)}>
                  {t('page.recordEligibility')} <Shortcut keys={['D']} />
                </Button>
                <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => navigate(`/beneficiaries/${id}/edit`)}>
                  {t('page.edit')} <Shortcut keys={['E']} />
                </Button>
              </>
            )}
            {session.can('complaints.handle') || session.can('letters.register') || session.can('beneficiaries.exportPersonalData') || session.can('beneficiaries.erase') ? (
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label={t('page.more')}>
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {session.can('complaints.handle') && !person.erasedAt ? (
                    <Menu.Item leftSection={<IconMessageReport size={16} />} onClick={() => setReceivingComplaint({ sourceContactId: null, kind: 'complaint' })} rightSection={<Shortcut keys={['K']} />}>
                      {t('page.newComplaint')}
                    </Menu.Item>
                  ) : null}
                  {session.can('letters.register') && !person.erasedAt ? (
                    <Menu.Item leftSection={<IconMail size={16} />} onClick={() => setRegisteringLetter(true)}>
                      {t('page.registerLetter')}
                    </Menu.Item>
                  ) : null}
                  {session.can('letters.register') && !person.erasedAt ? (
                    <Menu.Item leftSection={<IconLink size={16} />} onClick={() => setLinkingLetter(true)}>
                      {t('letters:linkLetter.action')}
                    </Menu.Item>
                  ) : null}
                  {session.can('beneficiaries.exportPersonalData') ? (
                    <Menu.Item leftSection={<IconFileExport size={16} />} onClick={() => void exportPersonalData()}>
                      {t('erase.exportPersonalData')}
                    </Menu.Item>
                  ) : null}
                  {session.can('beneficiaries.erase') && !person.erasedAt ? (
                    <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setErasing(true)}>
                      {t('erase.title')}
                    </Menu.Item>
                  ) : null}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        </Group>
      </Paper>

      {person.erasedAt ? null : (
        // Keyed on what was recorded: a contact logged or linked here changes what is offered.
        <UnlinkedMatches key={recorded} beneficiary={{ id, name: person.fullName, phones: person.phones }} onLinked={recordedSomething} />
      )}
      <SimpleGrid cols={2} spacing="lg">
        <InfoCard title={t('sections.identity')}>
          <Field label={t(`idType.${person.idType}`)}>
            <Ltr>{person.idNumber}</Ltr>
          </Field>
          <Field label={t('fields.nationality')}>{regionName(person.nationality, i18n.language)}</Field>
          <Field label={t('fields.residencyStatus')}>{t(`residency.${person.residencyStatus}`)}</Field>
          <Field label={t('fields.gender')}>{t(`gender.${person.gender}`)}</Field>
          <Field label={t('fields.birthDate')}>
            {person.birthDate ? (
              <>
                <DualDate date={person.birthDate} />{' '}
                <Text component="span" c="dimmed">
                  ({t('page.age', { count: ageOn(person.birthDate, todayInRiyadh()) })})
                </Text>
              </>
            ) : (
              <Text c="dimmed">{t('common:notRecorded')}</Text>
            )}
          </Field>
        </InfoCard>

        <InfoCard title={t('sections.contact')}>
          <Field label={t('fields.phone')}>
            {person.phones.length > 0 ? (
              <Stack gap={2}>
                {person.phones.map((phone) => (
                  <Ltr key={phone}>{formatSaudiPhone(phone)}</Ltr>
                ))}
              </Stack>
            ) : (
              <Text c="dimmed">{t('common:notRecorded')}</Text>
            )}
          </Field>
          <Field label={t('fields.district')}>{district ? (i18n.language === 'ar' ? district.nameAr : district.nameEn) : '—'}</Field>
          <Field label={t('fields.address')}>{person.address ?? '—'}</Field>
        </InfoCard>

        <InfoCard title={t('sections.prisoner')}>
          <Field label={t('fields.category')}>{t(`category.${person.category}`)}</Field>
          {person.category === 'family_member' ? (
            <>
              <Field label={t('fields.prisonerRelation')}>{person.prisonerRelation ? t(`relation.${person.prisonerRelation}`) : '—'}</Field>
              <Field label={t('fields.prisonerName')}>{person.prisonerName ?? '—'}</Field>
            </>
          ) : null}
          <Field label={t('fields.prisonerFacility')}>{person.prisonerFacility ?? '—'}</Field>
          <Field label={t('fields.prisonerStatus')}>{person.prisonerStatus ? t(`prisonerStatus.${person.prisonerStatus}`) : '—'}</Field>
        </InfoCard>

        <EligibilityCard person={person} onDecide={() => setDeciding(true)} />

        <InfoCard title={t('sections.needs')}>
          <Group gap={6}>
            {person.needs.length > 0 ? (
              person.needs.map((need) => (
                <Badge key={need} variant="light" color="gray">
                  {t(`needs.${need}`)}
                </Badge>
              ))
            ) : (
              <Text c="dimmed">{t('common:notRecorded')}</Text>
            )}
          </Group>
          {person.needsPriority ? <Field label={t('fields.needsPriority')}>{t(`priority.${person.needsPriority}`)}</Field> : null}
          {person.needsNotes ? <Text fz="sm">{person.needsNotes}</Text> : null}
        </InfoCard>

        <InfoCard title={t('sections.consent')}>
          <Field label={t('fields.consentGiven')}>{person.consentGiven ? t('common:yes') : t('common:no')}</Field>
          {person.consentDate ? (
            <Field label={t('fields.consentDate')}>
              <DualDate date={person.consentDate} />
            </Field>
          ) : null}
          {person.consentMethod ? <Field label={t('fields.consentMethod')}>{t(`consentMethod.${person.consentMethod}`)}</Field> : null}
          <Field label={t('page.registeredAt')}>
            <DualDate instant={person.createdAt} />
          </Field>
          <Field label={t('page.updatedAt')}>
            <DualDate instant={person.updatedAt} />
          </Field>
        </InfoCard>
      </SimpleGrid>

      {person.household.length > 0 ? (
        <InfoCard title={t('sections.household')}>
          <ListTable
            label={t('sections.household')}
            rows={person.household}
            // Household members have no id of their own: their place in the file is theirs.
            rowKey={(_member, index) => String(index)}
            columns={[
              { header: t('household.fullName'), cell: (member) => member.fullName },
              { header: t('household.relation'), cell: (member) => t(`relation.${member.relation}`) },
              { header: t('household.birthDate'), cell: (member) => (member.birthDate ? <DualDate date={member.birthDate} /> : '—') },
              { header: t('household.idNumber'), cell: (member) => (member.idNumber ? <Ltr>{member.idNumber}</Ltr> : '—') },
            ]}
          />
        </InfoCard>
      ) : null}

      <PersonPrograms key={recorded} beneficiaryId={id} canEnrol={!person.erasedAt && session.can('enrolments.handle')} onEnrol={() => setEnrolling(true)} />
      <EnrolModal
        opened={enrolling}
        beneficiaryId={id}
        onClose={() => setEnrolling(false)}
        onEnrolled={() => {
          setEnrolling(false);
          recordedSomething();
        }}
      />
      <BeneficiaryTimeline beneficiaryId={id} version={recorded + person.eligibilityHistory.length} />
      {session.can('audit.view') ? <BeneficiaryTrail key={`${person.rowVersion}-${recorded}`} beneficiaryId={id} /> : null}
      {loggingContact ? (
        <ContactModal
          beneficiary={{ id, name: person.fullName }}
          onClose={() => setLoggingContact(false)}
          onLogged={(contact) => {
            setLoggingContact(false);
            recordedSomething();
            followUp(contact);
          }}
        />
      ) : null}
      <NewRequestModal
        opened={openingRequest !== null}
        beneficiaryId={id}
        sourceContactId={openingRequest?.sourceContactId ?? null}
        onClose={() => setOpeningRequest(null)}
        onOpened={(request) => {
          setOpeningRequest(null);
          recordedSomething();
          navigate(`/requests/${request.id}`);
        }}
      />
      <NewComplaintModal
        opened={receivingComplaint !== null}
        beneficiaryId={id}
        sourceContactId={receivingComplaint?.sourceContactId ?? null}
        kind={receivingComplaint?.kind ?? 'complaint'}
        onClose={() => setReceivingComplaint(null)}
        onReceived={() => {
          setReceivingComplaint(null);
          recordedSomething();
        }}
      />
      {linkingLetter ? (
        <LinkRegisteredLetterModal
          target={{ kind: 'beneficiary', beneficiaryId: id, name: person.fullName }}
          onClose={() => setLinkingLetter(false)}
          onLinked={() => {
            setLinkingLetter(false);
            recordedSomething();
          }}
        />
      ) : null}
      <LetterModal
        opened={registeringLetter}
        beneficiaryId={id}
        onClose={() => setRegisteringLetter(false)}
        onRegistered={() => {
          setRegisteringLetter(false);
          recordedSomething();
        }}
      />
      {erasing ? (
        <EraseModal
          person={person}
          onClose={() => setErasing(false)}
          onErased={() => {
            setErasing(false);
            beneficiary.reload();
          }}
        />
      ) : null}

      <EligibilityDecisionModal beneficiaryId={id} opened={deciding} onClose={() => setDeciding(false)} onRecorded={beneficiary.reload} />
    </Stack>
  );
}

function regionName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
}

function InfoCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap={8}>{children}</Stack>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="md" align="flex-start" wrap="nowrap">
      <Text c="dimmed" fz="sm" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ flex: 1 }}>{children}</div>
    </Group>
  );
}

function EligibilityCard({ person, onDecide }: { person: BeneficiaryDetail; onDecide: () => void }) {
  const { t } = useTranslation('eligibility');
  return (
    <InfoCard title={t('title')}>
      <Group gap="sm">
        <EligibilityBadge outcome={person.eligibility} />
        {person.eligibilityDecidedAt ? (
          <Text c="dimmed" fz="sm">
            <DualDate instant={person.eligibilityDecidedAt} />
          </Text>
        ) : null}
      </Group>
      {person.eligibilityHistory.length === 0 ? (
        <Group gap="sm">
          <Text c="dimmed" fz="sm">
            {t('noDecision')}
          </Text>
          <Button size="xs" variant="light" onClick={onDecide}>
            {t('decideNow')}
          </Button>
        </Group>
      ) : (
        <Timeline active={0} bulletSize={22} lineWidth={2} mt="xs">
          {person.eligibilityHistory.map((decision) => (
            <Timeline.Item
              key={decision.id}
              color={decision.outcome === 'eligible' ? 'teal' : 'red'}
              bullet={decision.outcome === 'eligible' ? <IconCheck size={14} /> : <IconX size={14} />}
              title={t(`outcomes.${decision.outcome}`)}
            >
              <DecisionDetails decision={decision} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </InfoCard>
  );
}

function DecisionDetails({ decision }: { decision: EligibilityDecision }) {
  const { t } = useTranslation('eligibility');
  const criteria = ['inScope', 'legalResident', 'receivesServices'] as const;
  return (
    <Stack gap={2}>
      {criteria.map((criterion) => (
        <Text key={criterion} fz="sm" c={decision[criterion] ? undefined : 'red.8'}>
          {decision[criterion] ? '✓' : '✗'} {t(`criteria.${criterion}`)}
        </Text>
      ))}
      {decision.reason ? (
        <Text fz="sm">
          {t('reason')}: {decision.reason}
        </Text>
      ) : null}
      <Text fz="xs" c="dimmed">
        {decision.decidedByName} · <DualDate instant={decision.decidedAt} />
      </Text>
    </Stack>
  );
}
