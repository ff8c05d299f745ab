import type { Migration } from './index';

/**
 * What the complaint shield reads (electron/services/complaints/shield.ts): the inquiries answered
 * through a contact that carries a complaint about a staff member, found without reading every
 * inquiry (the contact an inquiry was asked through is already indexed, being unique).
 */
export const complaintShield: Migration = {
  version: 8,
  name: 'complaint-shield',
  statements: [`CREATE INDEX inquiries_by_answer_contact ON inquiries (answer_contact_id) WHERE answer_contact_id IS NOT NULL`],
};
