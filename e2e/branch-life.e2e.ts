// A branch secretary's year at 1366×768: the secretary of the Haijiang Group branch generates the
// year's plan and sees it on the calendar; records today's theme party day, marks it held and adds a
// photo; downloads the year's activity ledger and reads it; sees the requirement met on the
// compliance page and, in the rollup of the month the branch skipped its committee meeting, the
// branch listed as lagging; on the dashboard, a bar of the activity chart opens the activities it
// counts and a cell of the heatmap the compliance it shows.
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../domain/dates';
import { serverWithPage } from './session';
import { hideColumn } from './columns';

const DEMO_PASSWORD = 'Gongjian@2024';
const SECRETARY = 'gaoqiying';
const BRANCH = '海疆集团党支部';
const THEME = '主题党日：学习新修订的党章';
const PHOTO = 'theme-day.png';

/** Today in China, 'YYYY-MM-DD': what decides an activity's month. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const year = today.slice(0, 4);
const thisMonth = today.slice(0, 7);
/** The demo data's year of routine life skips the branch's committee meeting seven months ago. */
const skippedMonth = addMonths(`${thisMonth}-01`, -7).slice(0, 7);

const e2e = serverWithPage({ width: 1366, height: 768 });

function page(): Page {
  return e2e.page;
}

/** A screenshot to look at, under .tmp/shots. */
async function shoot(name: string): Promise<void> {
  await page().screenshot({ path: `.tmp/shots/activities-demands-${name}.png` });
}

async function openFromMenu(item: string, url: RegExp): Promise<void> {
  // the item's name starts with its icon's label ("dashboard 看板"; "fund 共建看板" is another one)
  await page()
    .getByRole('menuitem', { name: new RegExp(`(^|\\s)${item}$`) })
    .click();
  await page().waitForURL(url);
}

/** The calendar's activities in a state (a tag's title ends with the state's label). */
function calendarTags(state: string): Locator {
  return page().locator(`.activity-calendar .activity-calendar-day .ant-tag[title$="· ${state}"]`);
}

function drawer(): Locator {
  return page().locator('.ant-drawer').filter({ hasText: THEME });
}

type Colors = [number, number, number][] | 'saturated';

/**
 * Where a chart has drawn in one of the colours (rgb; or any strong colour), above its legend: the
 * middle of each run at least 8 pixels wide on the lowest row that has one, a few pixels up, left
 * to right. ECharts draws on canvases (several layers), so a click has to land on a bar or a cell.
 */
async function runsOf(chart: Locator, colors: Colors, legendHeight: number) {
  return chart.evaluate(
    (root, [wanted, legend]) => {
      const layers = [...root.querySelectorAll('canvas')].map((c) =>
        c.getContext('2d')!.getImageData(0, 0, c.width, c.height),
      );
      const { width, height } = layers[0]!;
      const scale = width / root.getBoundingClientRect().width;
      const hit = (x: number, y: number) =>
        layers.some(({ data }) => {
          const i = (y * width + x) * 4;
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (wanted === 'saturated') return Math.max(r, g, b) - Math.min(r, g, b) > 80;
          return wanted.some(([wr, wg, wb]) => r === wr && g === wg && b === wb);
        });
      for (let y = height - Math.ceil(legend * scale) - 1; y >= 0; y -= 1) {
        const runs: { x: number; y: number }[] = [];
        for (let x = 0; x < width; x += 1) {
          if (!hit(x, y)) continue;
          const left = x;
          while (x + 1 < width && hit(x + 1, y)) x += 1;
          // a bar or a cell, not the coloured fringe of anti-aliased text
          if (x - left >= 8 * scale) runs.push({ x: (left + x) / 2 / scale, y: y / scale - 3 });
        }
        if (runs.length > 0) return runs;
      }
      return [];
    },
    [colors, legendHeight] as const,
  );
}

/** The runs once the drawing has settled (ECharts animates it, and redraws on a resize). */
async function drawnRuns(chart: Locator, colors: Colors, legendHeight: number) {
  let previous = '';
  await expect
    .poll(
      async () => {
        const [last, now] = [previous, JSON.stringify(await runsOf(chart, colors, legendHeight))];
        previous = now;
        return now !== '[]' && now === last;
      },
      { interval: 300 },
    )
    .toBe(true);
  return JSON.parse(previous) as { x: number; y: number }[];
}

describe('branch life', () => {
  it('the secretary generates the year’s plan and sees it on the branch’s calendar', async () => {
    await page().goto(`${e2e.server.url}/login`);
    await page().getByLabel('用户名').fill(SECRETARY);
    await page().getByLabel('密码').fill(DEMO_PASSWORD);
    await page()
      .getByRole('button', { name: /登\s*录/ })
      .click();
    await page().waitForURL((url) => url.pathname === '/'); // the workbench

    await openFromMenu('组织生活', /\/activities$/);
    // the ledger and the plan are per organization: pick the branch
    await page().locator('.activity-filters .ant-select').filter({ hasText: '主办组织' }).click();
    await page().locator('.ant-select-tree').getByTitle(BRANCH, { exact: true }).click();
    await page().locator('.ant-segmented').getByText('日历', { exact: true }).click();
    await page().locator('.activity-calendar').waitFor();
    // the demo data plan this month's theme party day
    await calendarTags('计划').first().waitFor();
    const plannedBefore = await calendarTags('计划').count();

    await page()
      .getByRole('button', { name: new RegExp(`生成 ${year} 年活动计划`) })
      .click();
    await page()
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page()
      .getByText(new RegExp(`已为 ${year} 年计划 \\d+ 项活动`))
      .waitFor();
    // this month's committee meeting was not held yet: it is planned now
    await calendarTags('计划').nth(plannedBefore).waitFor();
    await calendarTags('计划').filter({ hasText: '支委会' }).first().waitFor();
  });

  it('records today’s theme party day, marks it held and adds a photo shown as a thumbnail', async () => {
    await page().getByRole('button', { name: '新建活动' }).click();
    const dialog = page().getByRole('dialog', { name: '新建活动' });
    await dialog.getByLabel('主题', { exact: true }).fill(THEME);
    for (const [label, time] of [
      ['开始时间', '00:05'],
      ['结束时间', '23:55'],
    ] as const) {
      const input = dialog.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(`${today} ${time}`);
      await input.press('Enter');
    }
    await dialog.getByLabel('地点').fill('海疆集团党员活动室');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await drawer().getByText('计划', { exact: true }).waitFor();
    await drawer().getByRole('button', { name: '标记为已开展' }).click();
    await drawer().getByText('已开展', { exact: true }).waitFor();

    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8161d' } })
      .png()
      .toBuffer();
    await drawer()
      .locator('input[type="file"]')
      .setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: png });
    const thumbnail = drawer().getByRole('img', { name: PHOTO });
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('src')).toMatch(/\/thumbnail$/);
    await expect
      .poll(() =>
        thumbnail.evaluate(
          (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth,
        ),
      )
      .toBeGreaterThan(0);
    // a thumbnail, not the 640-pixel original
    expect(await thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeLessThan(640);
    await drawer().locator('.ant-drawer-close').click();
  });

  it('downloads the year’s activity ledger, which opens and lists the activity as held', async () => {
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      page()
        .getByRole('link', { name: new RegExp(`导出 ${year} 年活动台账`) })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(2).values as unknown[]).slice(1);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2)
        rows.push(Object.fromEntries(headers.map((h, i) => [String(h), (row.values as unknown[])[i + 1]])));
    });
    expect(sheet.getCell('A1').value).toBe(`${BRANCH} ${year}年组织生活台账`);
    const mine = rows.find((r) => r['主题'] === THEME);
    expect(mine).toMatchObject({ 活动类型: '主题党日', 状态: '已开展', 地点: '海疆集团党员活动室' });
    expect(mine!['日期']).toBe(today);
    // the planned activities are in the ledger of the year too
    expect(rows.some((r) => r['活动类型'] === '支委会' && r['状态'] === '计划')).toBe(true);
  });

  it('the compliance page shows the theme party day met, and the rollup the branch lagging in a month it skipped a meeting', async () => {
    await openFromMenu('合规检查', /\/compliance/);
    const themeDay = page().getByRole('row').filter({ hasText: '主题党日（每月' });
    await themeDay.locator('[data-status="met"]').waitFor();
    await themeDay.getByText(THEME).waitFor();

    // the month the branch skipped its committee meeting, from the period picker
    const picker = page().getByLabel('期间', { exact: true });
    await picker.click();
    const panel = page().locator('.ant-picker-dropdown:visible');
    for (let shown = Number(year); shown > Number(skippedMonth.slice(0, 4)); shown -= 1) {
      await panel.locator('.ant-picker-header-super-prev-btn').click();
    }
    await panel.locator(`td[title="${skippedMonth}"]`).click();
    await page().getByRole('tab', { name: '下级汇总' }).click();
    const rollup = page().locator('.ant-tabs-tabpane-active');
    await rollup.getByText(`${skippedMonth}：下级共`).waitFor();
    const committee = rollup.getByRole('row').filter({ hasText: '支委会' });
    await committee.getByText('0 / 1 个组织达标').waitFor();
    expect(await committee.locator('.compliance-lagging li').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^${BRANCH}\\s*未达标\\s*已开展 0 / 应开展 1`)),
    ]);
    // its theme party day was held that month
    await rollup.getByRole('row').filter({ hasText: '主题党日' }).getByText('1 / 1 个组织达标').waitFor();
  });

  it('the dashboard draws its charts; a bar opens the activities it counts, a heatmap cell the compliance it shows', async () => {
    await openFromMenu('看板', /\/dashboard/);
    await page().getByText(`范围：${BRANCH}`).waitFor();
    const activityChart = page()
      .locator('.dashboard-card')
      .filter({ hasText: '近 12 个月组织生活' })
      .locator('.echarts-for-react');
    const heatmap = page()
      .locator('.dashboard-card')
      .filter({ hasText: '主题党日落实情况' })
      .locator('.echarts-for-react');
    await activityChart.locator('canvas').first().waitFor();
    await heatmap.locator('canvas').first().waitFor();
    // every chart drawn in colour: two of organizations, six of members, activities, heatmap
    const charts = page().locator('.dashboard-page .echarts-for-react');
    expect(await charts.count()).toBe(10);
    for (const chart of await charts.all()) {
      await expect.poll(async () => (await runsOf(chart, 'saturated', 30)).length).toBeGreaterThan(0);
    }

    // the rightmost bar is this month's: today's theme party day, the only one held this month
    await activityChart.click({ position: (await drawnRuns(activityChart, 'saturated', 40)).at(-1)! });
    await page().waitForURL(/\/activities\?/);
    const url = new URL(page().url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      type: 'theme_day',
      state: 'held',
      from: `${thisMonth}-01`,
    });
    const activities = page()
      .locator('.ant-card')
      .filter({ has: page().locator('.ant-card-head-title', { hasText: '组织生活' }) });
    const list = activities.locator('.ant-table-tbody tr.ant-table-row');
    await list.first().waitFor();
    expect(await list.allInnerTexts()).toEqual([expect.stringContaining(THEME)]);

    // the first green cell of the heatmap: the branch's theme party day met six months ago
    await page().goBack();
    await heatmap.locator('canvas').first().waitFor();
    await heatmap.click({ position: (await drawnRuns(heatmap, [[82, 196, 26]], 48))[0]! });
    await page().waitForURL(/\/compliance\?/);
    const linked = new URL(page().url()).searchParams;
    expect(linked.get('period')).toBe(addMonths(`${thisMonth}-01`, -5).slice(0, 7));
    expect(await page().getByLabel('期间', { exact: true }).inputValue()).toBe(linked.get('period'));
    await page()
      .getByRole('row')
      .filter({ hasText: '主题党日（每月' })
      .locator('[data-status="met"]')
      .waitFor();
  });

  it('uses the activities list: hides a column, jumps to a page, exports the filter and cancels two planned activities at once', async () => {
    await page().setViewportSize({ width: 1280, height: 800 });
    await page().goto(`${e2e.server.url}/activities`);
    await page().locator('.activity-filters .ant-select').filter({ hasText: '主办组织' }).click();
    await page().locator('.ant-select-tree').getByTitle(BRANCH, { exact: true }).click();
    const table = page().locator('.list-table');
    const rows = table.locator('.ant-table-tbody tr.ant-table-row');
    const total = async () => Number(/共 (\d+) 条/.exec(await table.locator('.ant-pagination-total-text').innerText())?.[1]);
    await expect.poll(total).toBeGreaterThan(20); // a year of the branch's life: more than one page
    const all = await total();

    // hide the hosts column
    await hideColumn(page(), table, '主办组织');
    await expect.poll(() => table.locator('thead').getByText('主办组织').count()).toBe(0);
    await page().keyboard.press('Escape');

    // jump to the second page
    const jumper = table.locator('.ant-pagination-options-quick-jumper input');
    await jumper.fill('2');
    await jumper.press('Enter');
    await table.locator('.ant-pagination-item-active').getByText('2', { exact: true }).waitFor();
    await expect.poll(() => rows.count()).toBe(Math.min(20, all - 20));

    // the export holds every activity of the branch, all pages
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      table.getByRole('link', { name: /导\s*出/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^活动列表-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const exported: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(Object.fromEntries(headers.map((h, i) => [h, (row.values as unknown[])[i + 1]])));
    });
    expect(exported).toHaveLength(all);
    expect(exported.every((r) => String(r['主办组织']).includes(BRANCH))).toBe(true);
    expect(exported.find((r) => r['主题'] === THEME)).toMatchObject({ 状态: '已开展', 日期: today });

    // the planned ones: select two and cancel them with one reason
    await page().getByLabel('状态', { exact: true }).first().click();
    await page().locator('.ant-select-dropdown:visible').getByText('计划', { exact: true }).click();
    await expect.poll(total).toBeLessThan(all);
    const planned = await total();
    expect(planned).toBeGreaterThanOrEqual(2);
    await expect.poll(() => rows.count()).toBe(Math.min(20, planned));
    await shoot('activities-desktop');
    for (const i of [0, 1]) await rows.nth(i).locator('.ant-checkbox-input').check();
    await table.getByRole('button', { name: '取消所选' }).click();
    const dialog = page().getByRole('dialog', { name: '取消所选的 2 项活动' });
    await dialog.getByLabel('取消原因').fill('与上级党委集中学习时间冲突');
    await shoot('activities-batch-cancel');
    await dialog.getByRole('button', { name: '取消活动' }).click();
    await page().getByText('已取消 2 项活动').waitFor();
    await expect.poll(total).toBe(planned - 2);

    // on a phone (the page opened there, so the menu is a drawer)
    await page().setViewportSize({ width: 390, height: 844 });
    await page().reload();
    await rows.first().waitFor();
    expect(await page().evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shoot('activities-phone');
    await page().setViewportSize({ width: 1366, height: 768 });
  });
});
