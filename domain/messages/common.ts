import type { Catalog } from './text';

// Messages any module may use: the HTTP-level errors, request validation (Ajv keywords) and the
// field problems that many forms share.

export const COMMON: Catalog = {
  not_found: { zh: '{subject|subject}不存在', en: '{subject|subject} not found' },
  route_not_found: { zh: '没有这个接口：{method} {path}', en: 'No route {method} {path}' },
  forbidden: { zh: '您没有权限进行此操作', en: 'You do not have access to this' },
  batch_refused: { zh: '{count} 项无法处理，全部未作更改', en: '{count} of the selected cannot be done; nothing was changed' },
  unauthorized: { zh: '请先登录', en: 'Sign in first' },
  csrf: { zh: '缺少或错误的 x-csrf-token 请求头，请刷新页面后重试', en: 'Missing or wrong x-csrf-token header' },
  internal: { zh: '服务器出错了，请求编号 {requestId}', en: 'Something went wrong on the server; the request id is {requestId}' },
  bad_request: { zh: '无法处理此请求（{reason}）', en: 'The request cannot be handled ({reason})' },
  validation: { zh: '有 {count} 处填写有误', en: '{count} field(s) need attention' },
  conflict: { zh: '操作与当前状态冲突', en: 'This conflicts with the current state' },

  // request validation, one per Ajv keyword
  required: { zh: '必填', en: 'required' },
  unknown_field: { zh: '不接受字段 {field}', en: 'unknown field {field}' },
  too_long: { zh: '不能超过 {limit} 个字符', en: 'must be at most {limit} characters' },
  too_short: { zh: '至少 {limit} 个字符', en: 'must be at least {limit} characters' },
  format: { zh: '格式不正确（应为 {format}）', en: 'must be a valid {format}' },
  pattern: { zh: '格式不正确', en: 'has the wrong format' },
  enum: { zh: '不是可选的值', en: 'must be one of the allowed values' },
  type: { zh: '类型不正确（应为 {type}）', en: 'must be of type {type}' },
  minimum: { zh: '不能小于 {limit}', en: 'must be {limit} or more' },
  maximum: { zh: '不能大于 {limit}', en: 'must be {limit} or less' },
  too_few_items: { zh: '至少 {limit} 项', en: 'must have at least {limit} items' },
  too_many_items: { zh: '最多 {limit} 项', en: 'must have at most {limit} items' },
  not_unique: { zh: '不能有重复项', en: 'must not repeat an item' },
  invalid: { zh: '无效', en: 'invalid' },
  text_nul: { zh: '含有 NUL 字符', en: 'contains a NUL character' },
  text_lone_surrogate: { zh: '含有无效的 Unicode 字符（孤立代理项）', en: 'contains a lone surrogate (not valid Unicode)' },

  // field problems shared by several forms
  not_a_date: { zh: '不是有效的日期', en: 'not a valid date' },
  date_in_future: { zh: '不能晚于今天', en: 'must not be in the future' },
  date_too_early: { zh: '不能早于 {min}', en: 'must not be before {min}' },
  date_out_of_range: { zh: '应在 {min} 至 {max} 之间', en: 'must be between {min} and {max}' },
  date_before_start: { zh: '不能早于开始日期', en: 'must not be before validFrom' },
  no_such_org: { zh: '没有这个党组织', en: 'no such organization' },
  org_dissolved: { zh: '该党组织已撤销', en: 'the organization is dissolved' },
  org_dissolved_on: { zh: '{org}已于 {date} 撤销', en: '{org} was dissolved on {date}' },
  listed_twice: { zh: '重复列出', en: 'listed twice' },
  already_taken: { zh: '已被使用', en: 'already taken' },
  already_exists: { zh: '已存在', en: 'This already exists' },
  period_invalid: {
    zh: '不是有效的期间：“{value}”（应为年 2025、季度 2025-Q3 或月 2025-08）',
    en: 'not a period: "{value}" (expected a year (2025), a quarter (2025-Q3) or a month (2025-08))',
  },
  cursor_invalid: { zh: '不是本列表返回的游标', en: 'not a cursor returned by this list' },
  file_required: { zh: '请选择要上传的文件', en: 'attach a file in the field "file"' },
  file_too_large: { zh: '文件超过 {mb} MB', en: 'the file is larger than {mb} MB' },
  file_type_not_allowed: { zh: '不允许的文件类型：{allowed}', en: 'not an allowed file: {allowed}' },
  photo_unreadable: { zh: '无法读取这张照片', en: 'the photo cannot be read' },
  multipart_required: { zh: '请以 multipart/form-data 上传文件', en: 'send multipart/form-data with a file' },
  multipart_unreadable: { zh: '上传内容不完整或格式错误', en: 'the upload is not a readable multipart/form-data body' },
  file_name_control: { zh: '文件名含有控制字符', en: 'the file name contains control characters' },
  number_unusable: { zh: '数值过大或无穷大', en: 'not a number this service can hold (too large or infinite)' },
};
