import type { Catalog } from './text';

// The import upload itself, and everything its report says: problems of the file, of a row's
// cells (domain/imports/cells.ts), of its references and duplicates, and notices. A row's problem
// names its column in the report, so most texts need not repeat it.

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
  // the file as a whole
  import_no_data_rows: { zh: '文件中只有表头，没有数据行', en: 'The file has headers but no data rows' },
  import_too_many_errors: { zh: '共有 {count} 处错误，只列出了前 {max} 处', en: '{count} errors in all; only the first {max} are listed' },
  import_rejected: { zh: '文件中有 {count} 处错误，没有导入任何数据', en: 'The file has {count} errors; nothing was imported' },
  import_file_empty: { zh: '文件是空的', en: 'The file is empty' },
  import_file_xls: {
    zh: '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 .csv 后再上传',
    en: 'This is an old Excel (.xls) file; save it as .xlsx or .csv in Excel and upload that',
  },
  import_file_not_sheet: {
    zh: '无法读取：这不是电子表格文件，请上传 .xlsx 或 .csv 文件',
    en: 'Cannot read it: this is not a spreadsheet; upload an .xlsx or .csv file',
  },
  import_sheet_no_data: { zh: '工作表中没有数据', en: 'The worksheet has no data' },
  import_file_no_data: { zh: '文件中没有数据', en: 'The file has no data' },
  import_too_many_columns: { zh: '列太多（{count} 列）：最多 {max} 列', en: 'Too many columns ({count}): at most {max}' },
  import_row_too_many_columns: { zh: '第 {row} 行的列太多', en: 'Row {row} has too many columns' },
  import_xlsx_unreadable: {
    zh: '无法读取 .xlsx 文件（文件可能已损坏）：{reason}',
    en: 'Cannot read the .xlsx file (it may be damaged): {reason}',
  },
  import_xlsx_too_many_parts: {
    zh: '无法读取：文件包含 {count} 个部件，超过电子表格的正常范围（最多 {max} 个）',
    en: 'Cannot read it: the file holds {count} parts, more than a spreadsheet has (at most {max})',
  },
  import_xlsx_too_large: {
    zh: '无法读取：文件解压后过大（其中一部分超过 {mb} MB），请拆分后上传或另存为 .csv',
    en: 'Cannot read it: the file is too large once unpacked (a part exceeds {mb} MB); split it or save it as .csv',
  },
  import_xlsx_too_many_rows: {
    zh: '无法读取：工作表超过 Excel 的最大行数（{max} 行）',
    en: 'Cannot read it: the worksheet has more rows than Excel allows ({max})',
  },
  import_xlsx_no_sheet: {
    zh: '无法读取：文件中没有工作表（不是有效的 .xlsx 文件）',
    en: 'Cannot read it: the file has no worksheet (not a valid .xlsx file)',
  },
  import_csv_cell_or_quote: { zh: '第 {row} 行：单元格过长或引号不成对', en: 'Row {row}: a cell is too long or a quote is not closed' },
  import_csv_after_quote: { zh: '第 {row} 行：引号后面有多余的字符', en: 'Row {row}: characters after a closing quote' },
  import_csv_cell_too_long: { zh: '第 {row} 行：单元格过长', en: 'Row {row}: a cell is too long' },
  import_csv_unclosed_quote: { zh: '第 {row} 行：引号不成对', en: 'Row {row}: a quote is not closed' },

  // a row's cells
  import_required: { zh: '不能为空', en: 'required' },
  import_required_or_id_number: { zh: '不能为空（或填写身份证号）', en: 'required (or give the ID number)' },
  import_missing_or_id_number: { zh: '缺少此项（或填写身份证号）', en: 'missing (or give the ID number)' },
  import_too_long: { zh: '过长：最多 {max} 个字，实际 {length} 个字', en: 'too long: at most {max} characters, {length} given' },
  import_choice_unknown: { zh: '无法识别“{value}”，可填：{allowed}', en: '"{value}" is not recognized; one of: {allowed}' },
  import_date_invalid: { zh: '日期不存在：“{raw}”', en: 'no such date: "{raw}"' },
  import_date_unreadable: { zh: '无法识别的日期，请写成 2020-01-05 的格式', en: 'unrecognized date; write it as 2020-01-05' },
  import_date_unrecognized: { zh: '无法识别的日期“{raw}”，请写成 2020-01-05 的格式', en: 'unrecognized date "{raw}"; write it as 2020-01-05' },
  import_date_empty: { zh: '日期为空', en: 'the date is empty' },
  import_date_year_only: {
    zh: '日期不完整（只有年份“{raw}”），请写成 2020-01-05 的格式',
    en: 'incomplete date (only the year "{raw}"); write it as 2020-01-05',
  },
  import_date_ambiguous: {
    zh: '日期“{raw}”有歧义（1月还是10月？），请把单元格设为文本或写成 2020-01-05 的格式',
    en: 'the date "{raw}" is ambiguous (January or October?); format the cell as text or write it as 2020-01-05',
  },
  import_date_future: { zh: '日期 {date} 晚于今天', en: 'the date {date} is after today' },
  import_id_number_short: { zh: '身份证号格式不正确：“{value}”，应为 18 位', en: 'malformed ID number "{value}": it has 18 characters' },
  import_id_number_as_number: {
    zh: '身份证号被保存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新填写',
    en: 'The ID number was saved as a number and its last digits are lost; format the column as text and enter it again',
  },
  import_id_number_masked: {
    zh: '身份证号已脱敏（含 *），无法导入；请使用完整的身份证号',
    en: 'The ID number is masked (contains *) and cannot be imported; use the full number',
  },
  import_id_number_format: {
    zh: '身份证号格式不正确：“{value}”，应为 18 位（末位可为 X）',
    en: 'malformed ID number "{value}": it has 18 characters (the last may be X)',
  },
  import_id_number_birth_date: {
    zh: '身份证号中的出生日期不存在或晚于今天：“{value}”',
    en: 'the birth date in the ID number "{value}" does not exist or is after today',
  },
  import_id_number_check_digit: { zh: '身份证号校验码错误：“{value}”', en: 'wrong check digit in the ID number "{value}"' },
  import_gender_mismatch: {
    zh: '性别与身份证号不符（身份证号显示为{gender|gender}）',
    en: 'the gender does not match the ID number (it gives {gender|gender})',
  },
  import_birth_date_unlikely: { zh: '出生日期 {date} 不合理', en: 'the birth date {date} is implausible' },
  import_birth_date_mismatch: {
    zh: '出生日期与身份证号不符（身份证号显示为 {date}）',
    en: 'the birth date does not match the ID number (it gives {date})',
  },
  import_joined_before_founding: { zh: '入党时间 {date} 早于建党时间', en: 'the joining date {date} is before the founding of the Party' },
  import_join_age: {
    zh: '入党时间 {joinedOn} 时未满 18 周岁（出生日期 {birthDate}）',
    en: 'on the joining date {joinedOn} the member was under 18 (born {birthDate})',
  },
  import_full_before_joined: { zh: '转正时间 {fullOn} 早于入党时间 {joinedOn}', en: 'the date of full membership {fullOn} is before the joining date {joinedOn}' },
  import_full_on_probationary: {
    zh: '预备党员不应有转正时间（已转正请把党员状态改为正式党员）',
    en: 'a probationary member has no date of full membership (if already full, change the status to full member)',
  },
  import_phone_chars: { zh: '联系电话只能包含数字、空格、+ 和 -：“{phone}”', en: 'the phone number may hold only digits, spaces, + and -: "{phone}"' },
  import_org_code_chars: { zh: '组织编码只能包含字母、数字、_ . -：“{code}”', en: 'the code may hold only letters, digits, _ . and -: "{code}"' },
  import_founded_before_party: { zh: '成立日期 {date} 早于建党时间', en: 'the founding date {date} is before the founding of the Party' },

  // a row's references and duplicates
  import_duplicate_id_number: { zh: '身份证号与第 {row} 行重复', en: 'the same ID number as row {row}' },
  import_duplicate_org_code: { zh: '组织编码与第 {row} 行重复', en: 'the same code as row {row}' },
  import_duplicate_org_name: { zh: '同一上级下的党组织名称与第 {row} 行重复', en: 'the same name under the same parent as row {row}' },
  import_org_not_found: {
    zh: '找不到党组织“{org}”（或有重名，请写出上级路径，如“上级党委/第一党支部”）',
    en: 'No organization "{org}" (or several have this name: write the path, e.g. "Parent committee/First branch")',
  },
  import_org_out_of_scope: { zh: '无权向“{org}”导入党员', en: 'You may not import members into "{org}"' },
  import_parent_not_found: {
    zh: '找不到上级党组织“{parent}”（上级须已存在，或在本文件中排在前面）',
    en: 'No parent organization "{parent}" (it must exist already or come earlier in this file)',
  },
  import_parent_out_of_scope: { zh: '无权在“{parent}”下导入党组织', en: 'You may not import organizations under "{parent}"' },
  import_root_admin_only: {
    zh: '不能为空（只有系统管理员可以导入最上级党组织）',
    en: 'required (only a system administrator may import a top-level organization)',
  },
  import_party_group_not_found: { zh: '“{org}”中没有党小组“{group}”', en: '"{org}" has no party group "{group}"' },
  import_member_without_id_ambiguous: {
    zh: '名册中已有同一党组织、同名、同出生日期但没有身份证号的党员，无法确定是否同一人；请填写身份证号',
    en: 'The roster has a member of the same organization, name and birth date without an ID number; it cannot be told whether this is the same person: give the ID number',
  },
  import_no_scope: { zh: '无权导入到该党组织（不在您的管理范围内）', en: 'You may not import into this organization (outside your scope)' },
};
