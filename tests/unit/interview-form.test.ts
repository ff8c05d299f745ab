// The printed interview form dates the application by Riyadh's day: an application made late in the
// evening in Riyadh, already the next day there, is not dated the day before as UTC would have it.
import { describe, expect, it } from 'vitest';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import { renderInterviewForm } from '../../electron/services/enrolments/interview-form';
import { gregorianDay } from '../../electron/services/printing/paper';

const applicant: EnrolmentDetail = {
  id: 'enrolment-1',
  program: { id: 'program-1', nameAr: 'دورة الحاسب الآلي', nameEn: 'Computer skills', startsOn: '2026-03-10', endsOn: '2026-04-10' },
  beneficiary: { id: 'person-1', fullName: 'علي محمد صالح الحربي', fileNumber: 'W-000123' },
  stage: 'interview_scheduled',
  stageSince: '2026-03-01T22:30:00.000Z',
  // 01:30 on 2 March in Riyadh.
  appliedAt: '2026-03-01T22:30:00.000Z',
  waitlistOrder: null,
  offerExpiresOn: null,
  offerExpired: false,
  interviewOn: null,
  interviewResult: null,
  fee: null,
  interviewer: null,
  interviewNotes: null,
  decisionReason: null,
  conditionsOverride: null,
  events: [],
  path: [],
  allowedMoves: [],
};

describe('the interview form', () => {
  it('dates the application by the day it was in Riyadh', () => {
    const page = renderInterviewForm({ enrolment: applicant, associationName: null, logo: null, printedOn: '2026-03-05' });
    expect(page).toContain(gregorianDay('2026-03-02'));
    expect(page).not.toContain(gregorianDay('2026-03-01'));
  });
});
