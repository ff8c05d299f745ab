// The starter library as shipped: the policy is the issued document byte for byte, its article changes
// only blank lines, and every article is one the administrator's form accepts exactly as it is.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_TARGET_DEFAULTS } from '../../electron/api/complaints';
import { articleInput } from '../../electron/api/inquiries';
import { BENEFICIARY_RELATIONS_POLICY } from '../../electron/services/inquiries/beneficiary-relations-policy';
import { POLICY_ARTICLE_BODY, starterArticles, workingDaysInArabic } from '../../electron/services/inquiries/starter-articles';

/** SHA-256 of beneficiary-relations-policy.ar.txt, issue 01 of 2026-01-31, as the association issued it. */
const ISSUED_POLICY_SHA256 = '702bd8c636701d8fad0bc78075581d0167ba5bed89fac5aa68304b32a3fc25ae';

const facts = {
  requestTypes: [
    { nameAr: 'مساعدة مالية', targetWorkingDays: 10, needsAuthority: false },
    { nameAr: 'تصريح زيارة سجين', targetWorkingDays: 15, needsAuthority: true },
  ],
  complaintTargets: COMPLAINT_TARGET_DEFAULTS,
};

describe('the shipped policy', () => {
  it('is the issued document, byte for byte', () => {
    expect(createHash('sha256').update(BENEFICIARY_RELATIONS_POLICY.text, 'utf8').digest('hex')).toBe(ISSUED_POLICY_SHA256);
    expect(BENEFICIARY_RELATIONS_POLICY).toMatchObject({ title: 'سياسة تنظيم العلاقة مع المستفيدين', issue: '01', issuedOn: '2026-01-31' });
  });

  it('becomes an article with the same words in the same lines, only fewer blank lines', () => {
    const words = (text: string) => text.split(/\s+/u).filter((word) => word !== '');
    expect(words(POLICY_ARTICLE_BODY)).toEqual(words(BENEFICIARY_RELATIONS_POLICY.text));
    const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
    expect(lines(POLICY_ARTICLE_BODY)).toEqual(lines(BENEFICIARY_RELATIONS_POLICY.text));
    expect(POLICY_ARTICLE_BODY).not.toMatch(/\n\n\n|^\s|\s$/u);
  });
});

describe('the starter articles', () => {
  it('are what the article form saves unchanged: within its limits, trimmed, no character it refuses', () => {
    const articles = starterArticles(facts);
    expect(articles[0]).toMatchObject({ category: 'bylaws', body: POLICY_ARTICLE_BODY });
    for (const article of articles) {
      const parsed = articleInput.safeParse({ id: null, ...article, active: true });
      expect(parsed.success, article.title).toBe(true);
      expect(parsed.data).toEqual({ id: null, ...article, active: true });
    }
    expect(new Set(articles.map((article) => article.title)).size).toBe(articles.length);
  });

  it('name each request type with its target, and the targets of complaints, notes and suggestions', () => {
    const [, , , requests, complaints] = starterArticles(facts);
    expect(requests!.body).toContain('- مساعدة مالية: 10 أيام عمل.\n- تصريح زيارة سجين: 15 يوم عمل (يُرفع عادة إلى جهة مختصة).\n');
    expect(complaints!.body).toContain('- الشكوى: 5 أيام عمل.\n- الملاحظة: 5 أيام عمل.\n- المقترح: 10 أيام عمل.');
  });

  it('count working days as Arabic does', () => {
    expect([1, 2, 3, 10, 11, 15, 30, 103, 111].map(workingDaysInArabic)).toEqual([
      'يوم عمل واحد',
      'يوما عمل',
      '3 أيام عمل',
      '10 أيام عمل',
      '11 يوم عمل',
      '15 يوم عمل',
      '30 يوم عمل',
      '103 أيام عمل',
      '111 يوم عمل',
    ]);
  });
});
