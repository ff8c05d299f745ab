/**
 * Ids that every desk gives the same row, so that desks of one office paired with the office server
 * hold one copy of what each received on its own (the reference lists' ids are in their migrations).
 */

/** The starter library's n-th article (from 0): services/inquiries/library.ts writes the library. */
export const starterArticleId = (index: number): string => `019ab9a0-0000-7000-8000-00000000c${String(index + 1).padStart(3, '0')}`;

/** The satisfaction questionnaire Wasl ships, and its first version: services/questionnaires/shipped.ts writes them. */
export const SHIPPED_QUESTIONNAIRE_ID = '019ab9a0-0000-7000-8000-0000000e0001';
export const SHIPPED_QUESTIONNAIRE_VERSION_ID = '019ab9a0-0000-7000-8000-0000000e0101';

/** The policy Wasl implements, as a controlled document, and its first issue: services/documents/starter.ts writes them. */
export const POLICY_DOCUMENT_ID = '019ab9a0-0000-7000-8000-00000000d001';
export const POLICY_ISSUE_01_ID = '019ab9a0-0000-7000-8000-00000000d101';
