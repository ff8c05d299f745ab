import { z } from 'zod';
import { call } from './define';
import type { ApiError } from './result';
import { requiredText } from './fields/schemas';
import { CERTIFICATE_FINGERPRINT, officeAddressInput, pairingCode, type OfficeDesk } from './sync/office';
import type { FlaggedDesk } from './sync/witness';

/**
 * This desk and the office server: whether it is paired, and pairing it. An administrator gives the
 * server's address, compares the certificate's fingerprint the desk reads with the one the server
 * printed, and types the server's one-time pairing code.
 */

/** The office server this desk is paired with. */
export interface OfficeLink {
  address: string;
  /** The pinned certificate's fingerprint, as the server prints it. */
  fingerprint: string;
  deskId: string;
  deskName: string;
  officeId: string;
  pairedAt: string;
  pairedBy: { id: string; displayName: string };
}

/** How the desk's sync stands: what waits to be sent, when it last reached the office, and what stops it. */
export interface OfficeSyncState {
  /** Changes made here not yet taken by the office server. */
  pending: number;
  lastSyncedAt: string | null;
  /** Since when the office server cannot be reached; null while it can. */
  offlineSince: string | null;
  /** What stops the sync until someone acts (the clock, a revoked desk, another certificate), in the errors' words. */
  problem: ApiError | null;
  /**
   * The office's desks whose history the server found cut or rewritten (their record can no longer
   * be trusted as is): for administrators only, empty for everyone else.
   */
  flaggedDesks: FlaggedDesk[];
}

export interface OfficeStatus {
  /** Null for a desk that works alone (never paired). */
  link: OfficeLink | null;
  /** Null for a desk that works alone. */
  sync: OfficeSyncState | null;
}

/** What a desk reads of a server before trusting it: the address it reached, and the certificate's fingerprint. */
export interface OfficeServerSeen {
  address: string;
  fingerprint: string;
}

const fingerprint = z
  .string({ error: 'validation.required' })
  .transform((typed) => typed.trim().toUpperCase())
  .refine((typed) => CERTIFICATE_FINGERPRINT.test(typed), { error: 'validation.invalid' });

export const pairDeskInput = z.object({
  address: officeAddressInput,
  /** The fingerprint the administrator compared and accepted: the desk pairs only with that certificate. */
  fingerprint,
  code: pairingCode,
  /** How the desk is named in the office's list of desks. */
  deskName: requiredText(80),
});
export type PairDeskInput = z.input<typeof pairDeskInput>;

/** A pairing code made on this desk for another: shown once. */
export interface PairingCodeMade {
  code: string;
  expiresAt: string;
}

/** The office's desks, for administrators: the list the server keeps, and how the server stands. */
export interface OfficeDesksView {
  /** This desk, marked in the list. */
  thisDeskId: string;
  desks: OfficeDesk[];
  server: {
    address: string;
    /** The Wasl version the server runs. */
    version: string;
    engine: 'postgresql' | 'embedded';
    upSince: string;
    /** The operations the office holds. */
    operations: number;
  };
}

export const revokeDeskInput = z.object({
  deskId: z.string({ error: 'validation.required' }).regex(/^[0-9a-f]{16}$/, { error: 'validation.id' }),
  /** Why (a stolen PC, a desk retired): kept in this desk's audit log. */
  reason: requiredText(500),
});
export type RevokeDeskInput = z.input<typeof revokeDeskInput>;

export const officeCalls = {
  /** Whether this desk is paired, and with which server. */
  'office.status': call('self', z.object({})).returns<OfficeStatus>(),
  /** Reads the certificate a server presents, trusting nothing yet: for the administrator to compare its fingerprint. */
  'office.inspect': call('settings.manage', z.object({ address: officeAddressInput })).returns<OfficeServerSeen>(),
  /** Pairs this desk with the server, pinning the certificate whose fingerprint was accepted. */
  'office.pair': call('settings.manage', pairDeskInput).returns<OfficeStatus>(),
  /** Sends what waits and receives what the other desks sent, now rather than at the next round. */
  'office.syncNow': call('self', z.object({})).returns<OfficeStatus>(),
  /** A one-time code for pairing another desk, carrying the office's key (wrapped by the code) to it. */
  'office.newPairingCode': call('settings.manage', z.object({})).returns<PairingCodeMade>(),
  /** The office's desks (when each was last seen, what it holds unsent, its version) and the server's health. */
  'office.desks': call('settings.manage', z.object({})).returns<OfficeDesksView>(),
  /** Revokes another desk of the office (a lost or stolen PC): the server takes nothing from it any more. */
  'office.revokeDesk': call('settings.manage', revokeDeskInput).returns<{ deskId: string }>(),
};
