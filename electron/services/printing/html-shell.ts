import { escapeHtml, type Html } from './html';

/** The font every printed page is set in; it travels inside the page, so the PDF is the same on every machine. */
export const FONT_FAMILY = 'IBM Plex Sans Arabic';

/** One face of the printed pages' font, as a data: URL. */
export interface ReportFont {
  weight: number;
  /** The CSS unicode-range the file covers (the font ships as an Arabic and a Latin subset). */
  unicodeRange: string;
  dataUrl: string;
}

/** A printable page: the report, a list, a letter on the letterhead, a person's data. */
export interface PrintableHtml {
  language: 'ar' | 'en';
  title: string;
  /** The page's own styles, its @page among them. */
  style: string;
  body: Html;
  /** Whether the page carries data: images (the logo). */
  images: boolean;
  /** The font's faces carried inside the page; without them, the page lets no font in. */
  fonts?: readonly ReportFont[];
}

/**
 * One self-contained HTML page: its direction from its language, its fonts inside it, and a
 * Content-Security-Policy that lets in nothing but its inline styles and the data: images and fonts it
 * carries. No script runs in it and nothing is fetched, whatever the values typed at the desk hold.
 */
export function printableHtml(page: PrintableHtml): string {
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ...(page.images ? ['img-src data:'] : []),
    ...(page.fonts === undefined ? [] : ['font-src data:']),
  ].join('; ');
  return `<!doctype html>
<html dir="${page.language === 'ar' ? 'rtl' : 'ltr'}" lang="${page.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style>${fontFaces(page.fonts ?? [])}${page.style}</style>
</head>
<body>
${page.body.value}
</body>
</html>
`;
}

/** The @font-face rules of the faces given, each a data: URL. */
export function fontFaces(fonts: readonly ReportFont[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face{font-family:"${FONT_FAMILY}";font-style:normal;font-weight:${font.weight};` +
        `src:url(${font.dataUrl}) format("woff2");unicode-range:${font.unicodeRange};}`,
    )
    .join('');
}
