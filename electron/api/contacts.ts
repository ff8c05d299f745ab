import { z } from 'zod';
import { call } from './define';
import { id, optionalPhone, optionalText, orNull, requiredText } from './fields/schemas';

/** The five channels the policy approves for dealing with beneficiaries. */
export const CHANNELS = ['in_person', 'phone', 'social_media', 'letter', 'website'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export const PURPOSES = ['inquiry', 'note', 'complaint', 'request', 'suggestion', 'follow_up', 'notification'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const PLATFORMS = ['whatsapp', 'x', 'instagram', 'snapchat', 'telegram', 'facebook', 'other'] as const;

/** The longest a contact is recorded as lasting: a day's work. */
const MAX_DURATION_MINUTES = 600;

export const contactInput = z
  .object({
    /** The registered person; or, before registration, their name and phone. */
    beneficiaryId: orNull(id),
    personName: optionalText(120),
    personPhone: optionalPhone,
    channel: z.enum(CHANNELS, { error: 'validation.choice' }),
    direction: z.enum(DIRECTIONS, { error: 'validation.choice' }),
    purpose: z.enum(PURPOSES, { error: 'validation.choice' }),
    summary: requiredText(2000),
    /** When it happened; now when not given. */
    occurredAt: z.iso.datetime({ error: 'validation.date' }).nullish(),
    durationMinutes: z
      .number({ error: 'validation.invalid' })
      .int({ error: 'validation.invalid' })
      .min(0, { error: 'validation.outOfRange' })
      .max(MAX_DURATION_MINUTES, { error: 'validation.outOfRange' })
      .nullish(),
    /** Phone: the number called or calling. */
    phoneNumber: optionalPhone,
    /** Social media: the platform and the person's handle there. */
    platform: z.enum(PLATFORMS, { error: 'validation.choice' }).nullish(),
    handle: optionalText(120),
    /** Website: the message's reference. */
    webReference: optionalText(120),
    /** Letter: the letter in the register the contact was made through (one about this person, or about nobody). */
    letterId: orNull(id),
  })
  .superRefine((input, context) => {
    if (input.beneficiaryId === null && input.personName === null) {
      context.addIssue({ code: 'custom', path: ['personName'], message: 'validation.contacts.whoRequired' });
    }
    if (input.channel === 'social_media' && !input.platform) {
      context.addIssue({ code: 'custom', path: ['platform'], message: 'validation.required' });
    }
  });

export type LogContactInput = z.input<typeof contactInput>;

export interface ContactView {
  id: string;
  beneficiaryId: string | null;
  personName: string | null;
  personPhone: string | null;
  channel: Channel;
  direction: (typeof DIRECTIONS)[number];
  purpose: Purpose;
  summary: string;
  occurredAt: string;
  durationMinutes: number | null;
  officer: { id: string; displayName: string };
  phoneNumber: string | null;
  platform: (typeof PLATFORMS)[number] | null;
  handle: string | null;
  webReference: string | null;
  /** Letter channel: the letter in the register. */
  letterId: string | null;
}

export const contactsCalls = {
  'contacts.log': call('contacts.log', contactInput).returns<ContactView>(),
  /** A contact logged before registration, linked to the person once registered (nothing retyped). */
  'contacts.link': call('contacts.log', z.object({ id, beneficiaryId: id })).returns<ContactView>(),
  /**
   * Closes an unlinked contact as someone who is not a beneficiary (and will not be linked): it
   * leaves the unlinked queue, the reason kept; the contact itself stays, counted and audited.
   */
  'contacts.closeUnlinked': call('contacts.log', z.object({ id, reason: requiredText(500) })).returns<ContactView>(),
  'contacts.unlinked': call(
    'contacts.log',
    z.object({
      limit: z.number().int().min(1).max(200).default(50),
      /**
       * Only the contacts that may have been this registered person before they registered: the
       * phone given is one of theirs, or the name given is part of theirs (in any spelling).
       */
      resembling: orNull(id),
    }),
  ).returns<ContactView[]>(),
};
