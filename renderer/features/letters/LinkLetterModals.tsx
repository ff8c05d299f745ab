import { Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterView } from '../../../electron/api/letters';
import { useApi } from '../../api/context';
import { useCall } from '../../api/use-call';
import { useSubmit } from '../../api/use-save-form';
import { BeneficiaryPicker } from '../../components/BeneficiaryPicker';
import { CheckedForm } from '../../components/CheckedForm';
import { FormFooter } from '../../components/SaveForm';
import { ChoiceField } from '../../components/ChoiceField';
import { isolateLtr } from '../../lib/bidi';

/** The dialog's focus trap places the focus on its next tick; the picker's input takes it just after. */
const FOCUS_AFTER_TRAP_MS = 30;
/** Typing pauses this long before the register is searched. */
const PAUSE_MS = 150;

/** Puts the cursor in the first box of the dialog once its focus trap has settled. */
function useFirstInputFocus() {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => box.current?.querySelector('input')?.focus(), FOCUS_AFTER_TRAP_MS);
    return () => clearTimeout(timer);
  }, []);
  return box;
}

/**
 * From a letter registered without its person or request: links it to them. The person is found
 * with the usual search, the request chosen among theirs; what is linked already is shown, not asked.
 */
export function LinkLetterModal({ letter, onClose, onLinked }: { letter: LetterView; onClose: () => void; onLinked: (letter: LetterView) => void }) {
  const { t, i18n } = useTranslation('letters');
  const api = useApi();
  const { submit, refuse, clearError, errors, failure, busy } = useSubmit();
  const [pickedBeneficiaryId, setPickedBeneficiaryId] = useState<string | null>(null);
  const [requestId, setRequestId] = useState<string | null>(null);
  const first = useFirstInputFocus();
  const beneficiaryId = letter.beneficiary?.id ?? pickedBeneficiaryId;
  const requests = useCall('requests.list', beneficiaryId === null || letter.request !== null ? null : { beneficiaryId, limit: 50 });

  const link = async () => {
    if (pickedBeneficiaryId === null && requestId === null) {
      refuse({ [letter.beneficiary ? 'requestId' : 'beneficiaryId']: t('link.pickFirst') });
      return;
    }
    await submit(() => api['letters.link']({ id: letter.id, beneficiaryId: letter.beneficiary ? null : pickedBeneficiaryId, requestId }), {
      savedMessage: (linked) => t('link.linked', { number: isolateLtr(linked.number) }),
      onSaved: onLinked,
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('link.title', { number: isolateLtr(letter.number) })} size="lg">
      <CheckedForm onSave={link}>
        <Stack gap="md" ref={first}>
          <Text fz="sm" c="dimmed">
            {t('link.intro')}
          </Text>
          {letter.beneficiary === null ? (
            <BeneficiaryPicker
              label={t('link.beneficiary')}
              description={t('link.beneficiaryHint')}
              value={pickedBeneficiaryId}
              onChange={(id) => {
                setPickedBeneficiaryId(id);
                setRequestId(null);
                clearError();
              }}
              error={errors.beneficiaryId}
            />
          ) : (
            <Text>
              {t('details.beneficiary')}: {letter.beneficiary.name}
            </Text>
          )}
          {letter.request === null && beneficiaryId !== null ? (
            <ChoiceField
              label={t('link.request')}
              placeholder={t('link.requestPlaceholder')}
              data={(requests.data?.rows ?? []).map((request) => ({
                value: request.id,
                label: `${isolateLtr(request.number)} — ${i18n.language === 'en' ? request.type.nameEn : request.type.nameAr}`,
              }))}
              value={requestId}
              onChange={setRequestId}
              clearable
              error={errors.requestId}
            />
          ) : null}
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('link.cancel')} saveLabel={t('link.save')} />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}

/** Where a letter is linked from: a person's file, or a request (and so its person). */
export type LetterLinkTarget = { kind: 'beneficiary'; beneficiaryId: string; name: string } | { kind: 'request'; requestId: string; number: string };

/**
 * From a person's file or a request: finds a letter registered without them (by part of its number
 * or subject) and links it there.
 */
export function LinkRegisteredLetterModal({ target, onClose, onLinked }: { target: LetterLinkTarget; onClose: () => void; onLinked: () => void }) {
  const { t } = useTranslation('letters');
  const api = useApi();
  // The one box: a refusal about the letter or where it goes is shown there.
  const { submit, refuse, clearError, errors, failure, busy } = useSubmit({ fieldOf: () => 'letterId' });
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<LetterView[]>([]);
  const [chosen, setChosen] = useState<LetterView | null>(null);
  const first = useFirstInputFocus();
  const linkableTo =
    target.kind === 'beneficiary' ? { beneficiaryId: target.beneficiaryId, requestId: null } : { beneficiaryId: null, requestId: target.requestId };
  const labelOf = (letter: LetterView) => `${isolateLtr(letter.number)} — ${letter.subject}`;
  const chosenLabel = chosen ? labelOf(chosen) : null;
  const linkableKey = JSON.stringify(linkableTo);

  useEffect(() => {
    // Choosing a letter writes its line into the box: that is not a new search.
    if (query === chosenLabel) return;
    let current = true;
    const timer = setTimeout(() => {
      void api['letters.list']({ linkableTo: JSON.parse(linkableKey) as typeof linkableTo, text: query.trim() === '' ? null : query, limit: 20 }).then((result) => {
        if (current) setFound(result.ok ? result.value.rows : []);
      });
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, chosenLabel, linkableKey]);

  const link = async () => {
    if (chosen === null) {
      refuse({ letterId: t('linkLetter.pickFirst') });
      return;
    }
    await submit(
      () => api['letters.link'](target.kind === 'beneficiary' ? { id: chosen.id, beneficiaryId: target.beneficiaryId } : { id: chosen.id, requestId: target.requestId }),
      { savedMessage: (linked) => t('link.linked', { number: isolateLtr(linked.number) }), onSaved: onLinked },
    );
  };

  const options = [...(chosen && !found.some((letter) => letter.id === chosen.id) ? [chosen] : []), ...found];
  const title = target.kind === 'beneficiary' ? t('linkLetter.titleToPerson', { name: target.name }) : t('linkLetter.titleToRequest', { number: isolateLtr(target.number) });
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <CheckedForm onSave={link}>
        <Stack gap="md" ref={first}>
          <ChoiceField
            label={t('linkLetter.letter')}
            description={t('linkLetter.letterHint')}
            data={options.map((letter) => ({ value: letter.id, label: labelOf(letter) }))}
            value={chosen?.id ?? null}
            onChange={(id) => {
              setChosen(options.find((letter) => letter.id === id) ?? null);
              clearError('letterId');
            }}
            searchable
            clearable
            // The register already matched the number or subject: show its answer as it is.
            filter={({ options: all }) => all}
            searchValue={query}
            onSearchChange={setQuery}
            nothingFoundMessage={t('linkLetter.nothingFound')}
            error={errors.letterId}
          />
          <Text fz="sm" c="dimmed">
            {t('link.intro')}
          </Text>
          <FormFooter failure={failure} busy={busy} onCancel={onClose} cancelLabel={t('link.cancel')} saveLabel={t('link.save')} />
        </Stack>
      </CheckedForm>
    </Modal>
  );
}
