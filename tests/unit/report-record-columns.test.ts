// The records behind a report's figure: each column of the listing names its own value, for every
// kind of record (a contact's channel is not a stage, and every stage a listing can hold has a label).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENEFICIARY_STATUSES } from '../../electron/api/beneficiaries';
import { COMPLAINT_STAGES, SUGGESTION_DECISIONS } from '../../electron/api/complaints';
import { CHANNELS } from '../../electron/api/contacts';
import type { ReportRecord } from '../../electron/api/reports';
import { REQUEST_STAGES } from '../../electron/api/requests';
import { recordStageKey } from '../../renderer/features/reports/record-columns';

const LOCALES = resolve(__dirname, '..', '..', 'locales');

/** The message at `namespace:dotted.key` in one language, or undefined. */
function messageAt(language: 'ar' | 'en', key: string): unknown {
  const [namespace, path] = key.split(':') as [string, string];
  const tree: unknown = JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8'));
  return path.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

/** A listed record as the stage column reads it: every kind of record may carry a channel. */
const listed = (kind: ReportRecord['kind'], stage: string | null, channel: string | null) => recordStageKey({ kind, stage, channel } as ReportRecord);

/** Every stage each kind of listed record can carry (see ReportRecord.stage). */
const STAGES: Record<ReportRecord['kind'], readonly string[]> = {
  beneficiary: BENEFICIARY_STATUSES,
  eligibility: ['eligible', 'not_eligible'],
  contact: [],
  inquiry: ['pending', 'answered'],
  request: REQUEST_STAGES,
  complaint: [...COMPLAINT_STAGES, ...SUGGESTION_DECISIONS],
};

const channelLabels = (language: 'ar' | 'en') => CHANNELS.map((channel) => messageAt(language, `contacts:channel.${channel}`));

describe('the stage column of a figure’s records', () => {
  it.each(Object.keys(STAGES) as Array<ReportRecord['kind']>)('names every stage of %s records in both languages, never with a channel', (kind) => {
    for (const stage of STAGES[kind]) {
      const key = listed(kind, stage, 'phone');
      expect(key, `${kind} ${stage}`).not.toBeNull();
      for (const language of ['ar', 'en'] as const) {
        const label = messageAt(language, key!);
        expect(typeof label === 'string' && label.length > 0, `${language} ${key}`).toBe(true);
        expect(channelLabels(language), `${language} ${key}`).not.toContain(label);
      }
    }
  });

  it('leaves the stage blank for a contact, whatever its channel', () => {
    for (const channel of CHANNELS) expect(listed('contact', null, channel)).toBeNull();
  });

  it('tells a suggestion’s decision from a complaint’s stage', () => {
    expect(listed('complaint', 'adopted', null)).toBe('complaints:decision.adopted');
    expect(listed('complaint', 'resolved', null)).toBe('complaints:stage.resolved');
  });
});
