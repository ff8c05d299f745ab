import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconCertificate, IconRosetteDiscountCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateLookup } from '../../../electron/api/enrolments';
import { useApi } from '../../api/context';
import { useErrorMessage, useFieldErrors } from '../../api/errors';
import { DualDate } from '../../components/DualDate';
import { Fact } from '../../components/Fact';
import { Ltr } from '../../components/Ltr';
import { useSession } from '../session/session-context';
import { useProgramName } from './labels';

/** The catalog's button that opens the lookup, for those who may verify a certificate (supervisors). */
export function VerifyCertificateButton() {
  const { t } = useTranslation('enrolments');
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (!session.can('enrolments.supervise')) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconCertificate size={18} />} onClick={() => setOpen(true)}>
        {t('verify.open')}
      </Button>
      {open ? <VerifyCertificateModal onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * A certificate's verification number, typed as it is read out (any case, spaces or dashes), looked
 * up on Enter: what the certificate says, to compare with the paper, or that no certificate has it.
 * Esc closes.
 */
export function VerifyCertificateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('enrolments');
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const programName = useProgramName();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<CertificateLookup | null>(null);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await api['enrolments.verifyCertificate']({ verificationNumber: typed });
    setBusy(false);
    if (!result.ok) {
      setAnswer(null);
      setError(fieldErrors(result.error).verificationNumber ?? errorMessage(result.error));
      return;
    }
    setError(null);
    setAnswer(result.value);
  };

  const found = answer?.certificate ?? null;
  return (
    <Modal opened onClose={onClose} title={t('verify.title')} size="lg">
      <form onSubmit={(event) => void verify(event)}>
        <Stack gap="md">
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('verify.number')}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              error={error}
              dir="ltr"
              flex={1}
              data-autofocus
              autoFocus
            />
            <Button type="submit" loading={busy}>
              {t('verify.check')}
            </Button>
          </Group>
          {answer !== null && found === null ? (
            <Alert color="red" variant="light">
              {t('verify.notFound')}
            </Alert>
          ) : null}
          {found !== null ? (
            <Alert color={found.completed ? 'teal' : 'orange'} variant="light" icon={<IconRosetteDiscountCheck size={20} />} title={found.completed ? t('verify.found') : t('verify.notCompleted')}>
              <Stack gap="xs">
                <Fact label={t('certificate.verificationNumber')}>
                  <Ltr>{found.verificationNumber}</Ltr>
                </Fact>
                <Fact label={t('verify.person')}>
                  {found.beneficiary.fullName} (<Ltr>{found.beneficiary.fileNumber}</Ltr>)
                </Fact>
                <Fact label={t('verify.program')}>{programName(found.program)}</Fact>
                <Fact label={t('verify.issuedAt')}>
                  <DualDate instant={found.issuedAt} />
                </Fact>
                <Fact label={t('verify.issuedBy')}>{found.issuedBy.displayName}</Fact>
              </Stack>
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('verify.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
