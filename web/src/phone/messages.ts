// The member's phone pages' own texts (check-in, my record, my demands): they do not load the web
// app's i18n bundle, to stay light. Chinese by default; the English table must have every Chinese key.
// The labels of coded values (gender, status, demand state …) are the web app's, taken by name from
// its tables: imported with a query (labels.d.ts), the tables are modules of their own here, so the
// build keeps only their `enums` instead of sharing the web app's whole tables with these pages.
import { enums as enEnums } from '../i18n/en.json?labels';
import { setDateLanguage } from '../i18n/dates';
import { enums as zhEnums } from '../i18n/zh.json?labels';
import { storedLanguage, storeLanguage, type Language } from '../i18n/language';

const zh = {
  appTitle: '共建',
  language: 'English',
  loading: '正在读取…',
  error: '出错了：{message}',
  unreachable: '网络中断，请检查网络后重试。',
  retry: '重试',
  loginTitle: '请先登录',
  username: '用户名',
  password: '密码',
  login: '登录',
  loggingIn: '正在登录…',
  loginFailed: '用户名或密码错误',
  required: '请填写{field}',
  navRecord: '我的档案',
  navDemands: '我的诉求',
  navFull: '完整版',
  checkinTitle: '活动签到',
  codeLabel: '六位签到码',
  codeHint: '扫描组织者屏幕上的二维码，或输入屏幕上的 6 位签到码。',
  sixDigits: '请输入 6 位数字签到码',
  signIn: '签到',
  signingIn: '正在签到…',
  signedIn: '签到成功',
  signedInAs: '{name} · {time} 签到',
  noActivity: '链接缺少活动，请重新扫描二维码。',
  recordTitle: '我的档案',
  noMember: '您的账号没有关联党员档案。',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '手机',
  education: '学历',
  status: '党员状态',
  joinedOn: '入党日期',
  fullOn: '转正日期',
  category: '人员类别',
  jobTitle: '工作岗位',
  org: '所在党组织',
  history: '组织关系',
  current: '至今',
  committeeRoles: '委员会职务',
  upcoming: '即将开展的活动',
  noUpcoming: '近期没有活动',
  toCheckin: '去签到',
  attendance: '我的签到与出勤',
  noAttendance: '还没有出勤记录',
  demandsTitle: '我的诉求',
  demandsHint: '本组织提出的诉求，办结后请确认并评价。',
  noDemands: '您的组织没有提出诉求',
  waiting: '待我确认',
  raisedOn: '提出于 {date}',
  dueOn: '期限 {date}',
  overdue: '已超期',
  handledBy: '承接：{org}',
  resolution: '办理结果：',
  rated: '评价 {rating} 星',
  rating: '评价',
  stars: '{count} 星',
  note: '意见（可不填）',
  confirm: '确认并评价',
  confirmed: '已确认，感谢评价',
  reopen: '未解决，退回',
  reopenReason: '退回原因',
  reopened: '已退回承接方',
  ratingRequired: '请选择评价星级',
  reasonRequired: '请写明退回原因',
  send: '提交',
  cancel: '取消',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Gongjian',
  language: '中文',
  loading: 'Loading…',
  error: 'Something went wrong: {message}',
  unreachable: 'No connection. Check the network and try again.',
  retry: 'Try again',
  loginTitle: 'Please sign in',
  username: 'Username',
  password: 'Password',
  login: 'Sign in',
  loggingIn: 'Signing in…',
  loginFailed: 'Wrong username or password',
  required: 'Please enter the {field}',
  navRecord: 'My record',
  navDemands: 'My demands',
  navFull: 'Full app',
  checkinTitle: 'Sign in to an activity',
  codeLabel: 'Six-digit code',
  codeHint: "Scan the QR code on the organizer's screen, or type the six digits shown there.",
  sixDigits: 'Enter the six-digit code',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signedIn: 'Signed in',
  signedInAs: '{name} · signed in at {time}',
  noActivity: 'The link names no activity; scan the QR code again.',
  recordTitle: 'My record',
  noMember: 'Your account is not linked to a member record.',
  name: 'Name',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  birthDate: 'Date of birth',
  idNumber: 'ID number',
  phone: 'Mobile',
  education: 'Education',
  status: 'Status',
  joinedOn: 'Joined',
  fullOn: 'Full member since',
  category: 'Category',
  jobTitle: 'Position',
  org: 'Organization',
  history: 'Membership history',
  current: 'now',
  committeeRoles: 'Committee roles',
  upcoming: 'Upcoming activities',
  noUpcoming: 'No activities coming up',
  toCheckin: 'Sign in',
  attendance: 'My sign-ins and attendance',
  noAttendance: 'No attendance recorded yet',
  demandsTitle: 'My demands',
  demandsHint: 'Demands your organization raised; once resolved, please confirm and rate them.',
  noDemands: 'Your organization has raised no demands',
  waiting: 'Awaiting my confirmation',
  raisedOn: 'raised {date}',
  dueOn: 'due {date}',
  overdue: 'Overdue',
  handledBy: 'Handled by {org}',
  resolution: 'Resolution: ',
  rated: 'Rated {rating} of 5',
  rating: 'Rating',
  stars: '{count} of 5',
  note: 'Comment (optional)',
  confirm: 'Confirm and rate',
  confirmed: 'Confirmed, thank you',
  reopen: 'Not solved: reopen',
  reopenReason: 'Why it is not solved',
  reopened: 'Returned to the handling organization',
  ratingRequired: 'Choose a rating',
  reasonRequired: 'Say why it is not solved',
  send: 'Send',
  cancel: 'Cancel',
};

type EnumTable = typeof zhEnums;
export type EnumName = keyof EnumTable;

export interface Texts {
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** the label of a coded value, or the value itself when the table does not know it */
  label: (table: EnumName, value: string) => string;
}

export function texts(language: Language): Texts {
  const table: Record<MessageKey, string> = language === 'en' ? en : zh;
  const enums: EnumTable = language === 'en' ? enEnums : zhEnums;
  return {
    language,
    t: (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? '')),
    label: (name, value) => (enums[name] as Record<string, string>)[value] ?? value,
  };
}

/** The language the web app last used on this phone; dates follow it. */
export function startLanguage(): Language {
  return chooseLanguage(storedLanguage());
}

/** Remembers the choice (the web app shares it), sets the page's lang attribute and the date format. */
export function chooseLanguage(language: Language): Language {
  storeLanguage(language);
  setDateLanguage(language);
  return language;
}
