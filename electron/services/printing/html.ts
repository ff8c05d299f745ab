// The escaping template the printable documents are written with (a letter on the letterhead, a
// person's data for an access request, the report, a list): every value typed by someone is escaped
// on its way in.

/** Markup built by `html`: the only thing inserted unescaped. */
export class Html {
  constructor(readonly value: string) {}
}

/** A template whose every interpolated value is escaped, unless it is itself markup built here. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += insert(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

function insert(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(insert).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}
