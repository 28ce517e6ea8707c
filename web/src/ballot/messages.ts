// The phone ballot page's own texts: it does not load the web app's i18n bundle (kept light, see
// ../../ballot/index.html). Chinese by default; the English table must have every Chinese key.
import type { Language } from '../i18n/language';

const zh = {
  pageTitle: '述职评议测评票',
  language: 'English',
  codeLabel: '测评码',
  codeHint: '用手机相机扫描测评票上的二维码，或输入测评票上的测评码。',
  codePlaceholder: '例如 ABCD-EFGH-JKMN',
  open: '开始测评',
  loading: '正在读取测评票…',
  progress: '已评 {done} / {total}',
  missing: '请评定',
  review: '下一步：核对',
  reviewMissing: '还有 {count} 项未评定',
  summaryTitle: '请核对您的评议',
  back: '返回修改',
  submit: '提交测评票',
  submitting: '正在提交…',
  retrying: '网络不稳定，正在重试（第 {attempt} 次）…',
  offline: '网络中断，测评票尚未确认收到。请检查网络后重试，重试不会重复计票。',
  retry: '重试提交',
  doneTitle: '提交成功',
  doneText: '您的测评票已计入。感谢参与！',
  more: '主持人开放下一位述职人后，点此继续评议',
  waitingTitle: '已完成当前评议',
  waitingText: '目前开放的述职人您都已评定。主持人开放下一位述职人后，请点“刷新”继续。',
  usedTitle: '测评码已使用',
  usedText: '这张测评票已经提交过，每个测评码只能投一次。',
  closedTitle: '测评已结束',
  closedText: '本次测评已停止收票。',
  unknownTitle: '测评码无效',
  unknownText: '没有找到这个测评码，请核对测评票上的字符后重新输入。',
  throttledTitle: '尝试次数过多',
  throttledText: '请稍候一分钟再试。',
  notOpenTitle: '尚未开始测评',
  notOpenText: '主持人开始测评后即可评议，请稍候。',
  refresh: '刷新',
  changed: '测评名单有变化，请核对后重新提交。',
  failed: '提交失败：{message}',
  otherCode: '输入其他测评码',
  secrecy: '测评票不记录您的姓名和提交时间。',
  excellent: '好',
  good: '较好',
  fair: '一般',
  poor: '差',
} as const;

export type MessageKey = keyof typeof zh;

/** The default grades, which have texts here; a grade the organizer named is shown as named. */
const GRADE_KEYS: readonly string[] = ['excellent', 'good', 'fair', 'poor'] satisfies MessageKey[];

const en: Record<MessageKey, string> = {
  pageTitle: 'Debriefing ballot',
  language: '中文',
  codeLabel: 'Ballot code',
  codeHint: 'Scan the QR code on your slip with the phone camera, or type the code printed on it.',
  codePlaceholder: 'e.g. ABCD-EFGH-JKMN',
  open: 'Start',
  loading: 'Reading the ballot…',
  progress: '{done} of {total} rated',
  missing: 'Please rate',
  review: 'Next: review',
  reviewMissing: '{count} still to rate',
  summaryTitle: 'Please check your ratings',
  back: 'Change',
  submit: 'Submit ballot',
  submitting: 'Submitting…',
  retrying: 'Poor connection, retrying (attempt {attempt})…',
  offline:
    'The connection dropped before the ballot was confirmed. Check the network and retry; a retry is never counted twice.',
  retry: 'Retry',
  doneTitle: 'Submitted',
  doneText: 'Your ballot has been counted. Thank you!',
  more: 'When the chair opens the next reporter, tap here to go on',
  waitingTitle: 'All open reporters rated',
  waitingText: 'You have rated every reporter open so far. When the chair opens the next one, tap Refresh to go on.',
  usedTitle: 'Code already used',
  usedText: 'This ballot has already been submitted; each code votes once.',
  closedTitle: 'Scoring has closed',
  closedText: 'This assessment no longer accepts ballots.',
  unknownTitle: 'Unknown code',
  unknownText: 'No ballot has this code. Check the characters on your slip and try again.',
  throttledTitle: 'Too many attempts',
  throttledText: 'Please wait a minute and try again.',
  notOpenTitle: 'Scoring has not started',
  notOpenText: 'You can rate as soon as the chair opens scoring.',
  refresh: 'Refresh',
  changed: 'The reporters open for scoring have changed; please check and submit again.',
  failed: 'Not submitted: {message}',
  otherCode: 'Use another code',
  secrecy: 'The ballot records neither your name nor the time you submit.',
  excellent: 'Excellent',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const gradeLabel = (t: Translate, grade: string) =>
  GRADE_KEYS.includes(grade) ? t(grade as MessageKey) : grade;

export function translator(language: Language): Translate {
  const table: Record<MessageKey, string> = language === 'en' ? en : zh;
  return (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}
