// Every printed page of Wasl (the report, a list, a letter on the letterhead, a person's data) is one
// self-contained page written by one shell: its direction from its language, its title escaped, and
// a Content-Security-Policy that lets in nothing but what the page carries.
import { describe, expect, it } from 'vitest';
import { html } from '../../electron/services/printing/html';
import { printableHtml } from '../../electron/services/printing/html-shell';

const FONT = { weight: 400, unicodeRange: 'U+0600-06FF', dataUrl: 'data:font/woff2;base64,AAAA' };
const policyOf = (page: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];

describe('printableHtml', () => {
  it('reads right to left in Arabic and left to right in English', () => {
    const body = html`<p>نص</p>`;
    expect(printableHtml({ language: 'ar', title: 'خطاب', style: '', body, images: false })).toContain('<html dir="rtl" lang="ar">');
    expect(printableHtml({ language: 'en', title: 'Letter', style: '', body, images: false })).toContain('<html dir="ltr" lang="en">');
  });

  it('escapes the title, and lets in no script and nothing fetched', () => {
    const page = printableHtml({ language: 'ar', title: '</title><script>alert(1)</script>', style: '', body: html`${'<img src=x onerror=alert(1)>'}`, images: true });
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(policyOf(page)).toMatch(/^default-src 'none'; /);
  });

  it('lets in only the data: images and fonts it carries', () => {
    const body = html``;
    expect(policyOf(printableHtml({ language: 'ar', title: '', style: '', body, images: false }))).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(policyOf(printableHtml({ language: 'ar', title: '', style: '', body, images: true }))).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    const withFont = printableHtml({ language: 'ar', title: '', style: 'p{}', body, images: true, fonts: [FONT] });
    expect(policyOf(withFont)).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:");
    expect(withFont).toContain(`<style>@font-face{font-family:"IBM Plex Sans Arabic";font-style:normal;font-weight:400;src:url(${FONT.dataUrl}) format("woff2");unicode-range:U+0600-06FF;}p{}</style>`);
  });
});
