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
