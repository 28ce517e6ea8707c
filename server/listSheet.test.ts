import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgs } from './db/schema/orgs';
import { DownloadClosed, listExport } from './listSheet';
import { createOrg } from './modules/orgs/service';
import { startTestApp, type TestApp } from './testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

// The one list-sheet writer every list export uses: what a reader of any of those files sees.

async function written(rows: () => AsyncIterable<Record<string, string | number | null>>) {
  const file = listExport(t.system, '名单-2026-03-01.xlsx', '名单', [{ header: '姓名', key: 'name', width: 12 }, { header: '说明', key: 'note', width: 40, wrap: true }], rows);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await file.write(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { filename: file.filename, sheet: wb.worksheets[0]! };
}

describe('a list sheet', () => {
  it('has a bold, frozen header row, the columns’ widths, and the rows in the order they came', async () => {
    const { filename, sheet } = await written(async function* () {
      for (let i = 1; i <= 250; i++) yield { name: `党员${i}`, note: i === 1 ? '第一行\n第二行' : null };
    });
    expect(filename).toBe('名单-2026-03-01.xlsx');
    expect(sheet.name).toBe('名单');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '说明']);
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect([sheet.getColumn(1).width, sheet.getColumn(2).width]).toEqual([12, 40]);
    expect(sheet.rowCount).toBe(251);
    expect(sheet.getRow(2).values).toEqual([undefined, '党员1', '第一行\n第二行']);
    expect(sheet.getRow(251).getCell(1).value).toBe('党员250');
    // long text wraps only where the column asks for it
    expect(sheet.getRow(2).getCell(2).alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(2).getCell(1).alignment?.wrapText).toBeFalsy();
  });

  it('reads no row before it is written', async () => {
    let read = false;
    const file = listExport(t.system, 'x.xlsx', 'x', [{ header: 'a', key: 'a', width: 4 }], async function* () {
      read = true;
      yield { a: 1 };
    });
    expect(read).toBe(false);
    await file.write(new PassThrough().resume());
    expect(read).toBe(true);
  });

  it('reads the whole file from one state of the database on PostgreSQL, page after page on PGlite', async () => {
    const orgCount = async (db = t.database.db) => Number((await db.select({ n: count() }).from(orgs))[0]?.n);
    const seen: number[] = [];
    const file = listExport(t.system, 'x.xlsx', 'x', [{ header: 'n', key: 'n', width: 4 }], async function* (ctx) {
      seen.push(await orgCount(ctx.db)); // the first page
      await createOrg(t.system, { name: '导出期间新建的党委', type: 'committee', parentId: null, sector: 'state_enterprise', foundedOn: '2010-01-01' });
      seen.push(await orgCount(ctx.db)); // a later page, after someone else's write
      yield { n: seen[1]! };
    });
    await file.write(new PassThrough().resume());
    expect(await orgCount()).toBe(seen[0]! + 1);
    // one snapshot where the database has connections to spare; PGlite's single connection is not held for a whole file
    expect(seen[1]).toBe(t.database.kind === 'postgres' ? seen[0] : seen[0]! + 1);
  });

  it('stops writing, and lets go of its snapshot, when the download is closed halfway', async () => {
    let stopped = false;
    const file = listExport(t.system, 'x.xlsx', 'x', [{ header: 'n', key: 'n', width: 4 }], async function* (ctx) {
      try {
        for (let i = 0; i < 1_000_000; i++) {
          if (i % 1000 === 0) await ctx.db.execute(sql`select 1`); // a page read in the export's snapshot
          yield { n: i };
        }
      } finally {
        stopped = true;
      }
    });
    const out = new PassThrough();
    out.once('data', () => out.destroy()); // the user cancels once the first bytes arrived
    await expect(file.write(out)).rejects.toBeInstanceOf(DownloadClosed);
    expect(stopped).toBe(true);
    if (t.database.pool) {
      const { rows } = await t.database.pool.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'");
      expect(rows[0]?.n).toBe(0);
    }
  });
});
