import type { Catalog } from './text';

// The import upload itself, and the notices and column problems of its report (the older row
// checks still word their reasons in Chinese in domain/imports/cells.ts).

export const IMPORTS: Catalog = {
  import_job_used: { zh: '此 jobId 已被使用，每次上传请生成新的', en: 'This jobId is already used; generate a new one for each upload' },
  import_kind: { zh: '应为 "orgs" 或 "members"', en: 'must be "orgs" or "members"' },
  true_or_false: { zh: '应为 "true" 或 "false"', en: 'must be "true" or "false"' },
  uuid_required: { zh: '应为 uuid', en: 'must be a uuid' },
  import_mapping_json: {
    zh: '应为 JSON 对象：{"列名": "对应项" 或 null（忽略）}',
    en: 'must be a JSON object: {"header": "field" or null (ignore)}',
  },
  import_mapping_field: { zh: '列“{header}”对应的“{field}”不是可导入的项', en: 'Column "{header}": "{field}" is not a field that can be imported' },
  import_column_missing: { zh: '缺少必需的列：“{column}”', en: 'Missing required column: "{column}"' },
  import_column_missing_id: {
    zh: '缺少必需的列：“出生日期”或“公民身份号码”（至少一列）',
    en: 'Missing required column: the birth date or the ID number, at least one',
  },
  import_column_unknown: {
    zh: '无法识别的列“{column}”，已忽略；可在“对应列”中指定它对应的项',
    en: 'Unrecognized column "{column}" was ignored; you can map it to a field under "Map columns"',
  },
  import_column_not_kept: { zh: '列“{column}”不在党员名册中保存，已忽略', en: 'Column "{column}" is not kept in the roster and was ignored' },
  import_column_ignored: { zh: '按您的选择忽略了列“{column}”', en: 'Column "{column}" was ignored as you chose' },
  import_column_duplicate: {
    zh: '列“{column}”与列“{earlier}”是同一项，已忽略，以“{earlier}”为准',
    en: 'Column "{column}" gives the same field as "{earlier}" and was ignored; "{earlier}" is used',
  },
  import_day_assumed: {
    zh: '列“{column}”有 {count} 个日期只写到月份，已按当月 1 日读入（第 {rows} 行）',
    en: 'Column "{column}": {count} dates give only a month and were read as its first day (rows {rows})',
  },
  import_category_defaulted: {
    zh: '{count} 行没有人员类别，已按“在职”导入（第 {rows} 行）',
    en: '{count} rows have no member category and were imported as "in service" (rows {rows})',
  },
  import_status_derived: {
    zh: '{count} 行没有党员状态，已按“{column}”判断：有转正日期的为正式党员，没有的为预备党员（第 {rows} 行）',
    en: '{count} rows have no member status; it was taken from "{column}": full with a date of full membership, probationary without (rows {rows})',
  },
  import_gender_from_id: {
    zh: '{count} 行的性别按“{column}”读出（第 {rows} 行）',
    en: 'Gender was read from "{column}" in {count} rows (rows {rows})',
  },
  import_birth_date_from_id: {
    zh: '{count} 行的出生日期按“{column}”读出（第 {rows} 行）',
    en: 'Birth date was read from "{column}" in {count} rows (rows {rows})',
  },
  import_status_unknown: {
    zh: '无法确定党员状态：请填写“党员状态”或“政治面貌”（中共党员、中共预备党员），或给出“转正时间”',
    en: 'The member status cannot be told: give the status or the political affiliation (full or probationary member), or the date of full membership',
  },
  import_birth_month_mismatch: {
    zh: '出生年月与身份证号不符（身份证号显示为 {date}）',
    en: 'The birth month does not match the ID number (it gives {date})',
  },
};
