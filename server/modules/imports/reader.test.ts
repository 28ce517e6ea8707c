import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { afterAll, describe, expect, it } from 'vitest';
import { openSheet, parseCsv, SheetError, type SheetRow } from './reader';

const dir = mkdtempSync(path.join(tmpdir(), 'gongjian-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: Buffer | string): string {
  const p = path.join(dir, `f${n++}`); // no extension: the kind comes from the content
  writeFileSync(p, content);
  return p;
}

async function readAll(p: string): Promise<{ headers: string[]; rows: SheetRow[]; format: string }> {
  const sheet = await openSheet(p);
  const rows: SheetRow[] = [];
  for await (const r of sheet.rows) rows.push(r);
  return { headers: sheet.headers, rows, format: sheet.format };
}

/** A zip of these parts, deflated, with its central directory: for files no spreadsheet program would write. */
function zipOf(parts: [string, Buffer][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [path, data] of parts) {
    const name = Buffer.from(path);
    const packed = deflateRawSync(data);
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    fields(header, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    local.push(header, name, packed);
    central.push(entry, name);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

async function errorOf(p: string): Promise<string> {
  try {
    await readAll(p);
  } catch (e) {
    if (e instanceof SheetError) return e.message;
    throw e;
  }
  throw new Error('expected a SheetError');
}

describe('xlsx', () => {
  it('reads the first worksheet from its first non-empty row, flattening cell kinds', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员');
    ws.getCell('A3').value = ' 姓名 ';
    ws.getCell('B3').value = '出生日期';
    ws.getCell('C3').value = '身份证号';
    ws.getCell('D3').value = '备注';
    ws.addRow([]);
    ws.getRow(5).values = ['张三', new Date(Date.UTC(1990, 0, 1)), '430102199001011234', { richText: [{ text: '富' }, { text: '文本' }] }];
    ws.getRow(7).values = ['李四', 33000, Number('430102199001011234'), { formula: '1+1', result: 2 }];
    wb.addWorksheet('其他').addRow(['不应读到']);
    const p = file(Buffer.from(await wb.xlsx.writeBuffer()));

    const { headers, rows, format } = await readAll(p);
    expect(format).toBe('xlsx');
    expect(headers).toEqual(['姓名', '出生日期', '身份证号', '备注']);
    expect(rows.map((r) => r.rowNumber)).toEqual([5, 7]);
    expect(rows[0]?.cells).toEqual({ 姓名: '张三', 出生日期: new Date(Date.UTC(1990, 0, 1)), 身份证号: '430102199001011234', 备注: '富文本' });
    expect(rows[1]?.cells.备注).toBe(2);
    expect(typeof rows[1]?.cells.身份证号).toBe('number');
  });

  it('keeps Chinese text whole where its bytes straddle two chunks of the compressed file', async () => {
    // large enough that the shared strings and the sheet span many 16 kB chunks; every string is
    // three-byte characters, so some chunk boundary falls inside one
    const text = (i: number) => `第${i}号党支部组织委员会成员名单`;
    for (const useSharedStrings of [true, false]) {
      const p = path.join(dir, `f${n++}`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings });
      const ws = wb.addWorksheet('党员');
      ws.addRow(['人员类别', '姓名']).commit();
      for (let i = 0; i < 6000; i++) ws.addRow([text(i), `党员${i}`]).commit();
      ws.commit();
      await wb.commit();
      const { headers, rows } = await readAll(p);
      expect(headers).toEqual(['人员类别', '姓名']);
      const garbled = rows.filter((r, i) => r.cells.人员类别 !== text(i) || r.cells.姓名 !== `党员${i}`);
      expect(garbled.slice(0, 3)).toEqual([]);
      expect(rows).toHaveLength(6000);
    }
  });

  it('reads the first tab as the workbook orders its tabs, whatever the order of its parts', async () => {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('填表说明'); // stored as sheet1.xml
    notes.addRow(['请按说明填写']);
    const roster = wb.addWorksheet('名册');
    roster.addRow(['姓名', '性别']);
    roster.addRow(['王五', '男']);
    // dragged before the notes: the first tab, though its part is sheet2.xml (ExcelJS's tab order, untyped)
    Object.assign(roster, { orderNo: 0 });
    Object.assign(notes, { orderNo: 1 });
    const p = file(Buffer.from(await wb.xlsx.writeBuffer()));
    const { headers, rows } = await readAll(p);
    expect(headers).toEqual(['姓名', '性别']);
    expect(rows.map((r) => r.cells)).toEqual([{ 姓名: '王五', 性别: '男' }]);
  });

  it('reads the same workbook the same way every time (the parts come from the zip directory, not one racing pass)', async () => {
    // ExcelJS stores the sheet before the shared strings and the workbook part last; its own
    // streaming pass lost one of them now and then (exceljs #3064) and read an empty sheet
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名', '预备党员日期']);
    wb.getWorksheet('名册')?.addRow(['英文甲', '2025.03']);
    wb.addWorksheet('第二页').addRow(['其他']);
    const p = file(Buffer.from(await wb.xlsx.writeBuffer()));
    const reads = await Promise.all(Array.from({ length: 40 }, () => readAll(p)));
    for (const { headers, rows } of reads) {
      expect(headers).toEqual(['姓名', '预备党员日期']);
      expect(rows.map((r) => r.cells)).toEqual([{ 姓名: '英文甲', 预备党员日期: '2025.03' }]);
    }
  });

  it('refuses a zip of more parts than any workbook has before reading its directory', async () => {
    // 20,000 empty parts are 1.5 MB on disk and would be ~30 MB of parsed directory objects
    const parts = Array.from({ length: 20_000 }, (_, i): [string, Buffer] => [`x/${i}`, Buffer.alloc(0)]);
    expect(await errorOf(file(zipOf(parts)))).toBe('无法读取：文件包含 20000 个部件，超过电子表格的正常范围（最多 10000 个）');
  });

  it('refuses shared strings that unpack to hundreds of times their size (a zip bomb) before holding them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名', '性别']);
    const parts: [string, Buffer][] = [];
    for (const f of (await unzipper.Open.buffer(Buffer.from(await wb.xlsx.writeBuffer()))).files) parts.push([f.path, await f.buffer()]);
    const strings = parts.find(([name]) => name === 'xl/sharedStrings.xml')!;
    // 60 MB of one repeated string packs to a few hundred kB; a real roster's strings are all different (shared strings are kept once)
    const repeated = Buffer.from(`<si><t>${'党'.repeat(20)}</t></si>`.repeat(1_000_000));
    strings[1] = Buffer.concat([strings[1].subarray(0, strings[1].lastIndexOf('</sst>')), repeated, Buffer.from('</sst>')]);
    // the limit is 16 MB and 20 times the packed part: far below the 60 MB it would have unpacked to
    const message = await errorOf(file(zipOf(parts)));
    expect(message).toMatch(/^无法读取：文件解压后过大（其中一部分超过 \d+ MB），请拆分后上传或另存为 \.csv$/);
    expect(Number(/超过 (\d+) MB/.exec(message)?.[1])).toBeLessThan(30);
  });

  it('stops reading a worksheet at the row limit of Excel itself', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名']);
    const parts: [string, Buffer][] = [];
    for (const f of (await unzipper.Open.buffer(Buffer.from(await wb.xlsx.writeBuffer()))).files) parts.push([f.path, await f.buffer()]);
    const sheet = parts.find(([name]) => name === 'xl/worksheets/sheet1.xml')!;
    const xml = sheet[1].toString();
    // a header and then 1,048,576 empty rows: Excel ends at row 1,048,576, so this sheet was not written by it
    sheet[1] = Buffer.from(xml.replace('</sheetData>', '<row r="2"/>'.repeat(1_048_576) + '</sheetData>'));
    expect(await errorOf(file(zipOf(parts)))).toBe('无法读取：工作表超过 Excel 的最大行数（1048576 行）');
  });

  it('refuses a damaged file and a workbook without data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['姓名']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await errorOf(file(good.subarray(0, Math.floor(good.length / 2))))).toMatch(/无法读取/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('a');
    expect(await errorOf(file(Buffer.from(await empty.xlsx.writeBuffer())))).toBe('工作表中没有数据');
  });
});

describe('csv', () => {
  it('reads UTF-8 with a BOM, quotes, doubled quotes, embedded newlines and CRLF', async () => {
    const text = '\uFEFF姓名,工作单位及职务,联系电话\r\n张三,"某公司, ""一车间""\n主任",13800138000\r\n\r\n李四,,\r\n';
    const { headers, rows, format } = await readAll(file(text));
    expect(format).toBe('csv');
    expect(headers).toEqual(['姓名', '工作单位及职务', '联系电话']);
    expect(rows).toEqual([
      { rowNumber: 2, cells: { 姓名: '张三', 工作单位及职务: '某公司, "一车间"\n主任', 联系电话: '13800138000' } },
      { rowNumber: 4, cells: { 姓名: '李四', 工作单位及职务: '', 联系电话: '' } },
    ]);
  });

  it('reads GB18030 as Excel saves it in China', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]); // 姓名\n张三\n
    const { headers, rows } = await readAll(file(gbk));
    expect(headers).toEqual(['姓名']);
    expect(rows[0]?.cells).toEqual({ 姓名: '张三' });
  });

  it('reads tab-separated UTF-16 (Excel "Unicode text")', async () => {
    const body = Buffer.from('姓名\t民族\r\n张三\t汉族\r\n', 'utf16le');
    const { rows } = await readAll(file(Buffer.concat([Buffer.from([0xff, 0xfe]), body])));
    expect(rows[0]?.cells).toEqual({ 姓名: '张三', 民族: '汉族' });
  });

  it('handles a doubled quote split across chunks', async () => {
    async function* chunks() {
      yield await Promise.resolve('a,"x"');
      yield '"y",b\nc';
    }
    const out = [];
    for await (const r of parseCsv(chunks())) out.push(r);
    expect(out).toEqual([
      { rowNumber: 1, values: ['a', 'x"y', 'b'] },
      { rowNumber: 2, values: ['c'] },
    ]);
  });

  it('refuses an unclosed quote', async () => {
    expect(await errorOf(file('姓名,民族\n"张三,汉族\n'))).toMatch(/引号不成对/);
  });
});

describe('not a spreadsheet', () => {
  it('refuses images, old .xls files and empty files with a clear message', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect(await errorOf(file(png))).toBe('无法读取：这不是电子表格文件，请上传 .xlsx 或 .csv 文件');
    expect(await errorOf(file(Buffer.from('d0cf11e0a1b11ae1000000', 'hex')))).toMatch(/旧版 Excel/);
    expect(await errorOf(file(''))).toBe('文件是空的');
  });
});

describe('streaming', () => {
  it('stops early without reading the rest', async () => {
    const lines = ['姓名'];
    for (let i = 0; i < 10_000; i++) lines.push(`人员${i}`);
    const p = file(lines.join('\n'));
    const sheet = await openSheet(p);
    let count = 0;
    for await (const _ of sheet.rows) if (++count === 3) break;
    await sheet.close();
    expect(count).toBe(3);
  });

  it('releases an .xlsx file it stopped reading early', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名']);
    for (let i = 0; i < 20_000; i++) ws.addRow([`人员${i}`]);
    const p = file(Buffer.from(await wb.xlsx.writeBuffer()));
    const openOnP = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === p;
      } catch {
        return false; // closed while listing
      }
    }).length;
    const sheet = await openSheet(p);
    let count = 0;
    for await (const _ of sheet.rows) if (++count === 3) break;
    await sheet.close();
    expect(count).toBe(3);
    await new Promise((r) => setTimeout(r, 50)); // a destroyed stream closes its descriptor on the next turn
    expect(openOnP()).toBe(0);
  });
});
