import type { Catalog } from './text';

// Debriefing assessments (述职评议): the set-up checks, the state machine, ballot codes and the ballot
// path, and the follow-up list. The ballot page (web/src/ballot) switches on already_voted, closed and
// not_open: those codes are part of the public API contract.

export const ASSESSMENTS: Catalog = {
  // the ballot path
  already_voted: { zh: '该测评码已投票', en: 'This code has already been used for these reporters' },
  closed: { zh: '测评已结束，不再接受投票', en: 'Scoring is closed' },
  not_open: { zh: '测评尚未开始', en: 'Scoring has not opened yet' },
  unknown_code: { zh: '没有这个测评码', en: 'No ballot has this code' },
  too_many_attempts: { zh: '此地址输入的无效测评码过多，请一分钟后再试', en: 'Too many unknown codes from this address; wait a minute' },
  other_assessment: { zh: '该测评码不属于本次述职评议', en: 'this code belongs to another assessment' },
  reporter_not_open: { zh: '该述职人尚未开始测评', en: 'this reporter is not open for scoring' },
  unknown_criterion: { zh: '不是本次述职评议的评价要点', en: 'not a criterion of this assessment' },
  duplicate_grade: { zh: '等级重复', en: 'a grade is given twice' },
  missing_grade: { zh: '请对每位正在测评的述职人作出评定', en: 'grade every open reporter' },
  grade_not_on_scale: { zh: '“{grade}”不是评价等级中的等级', en: '{grade} is not a grade of the scale' },

  // the set-up
  weights_sum: { zh: '各测评组权重之和须为 100（现为 {sum}）', en: 'the weights add up to {sum}, not 100' },
  weight_range: { zh: '权重应为 1 至 100 的整数', en: 'a weight is a whole number from 1 to 100' },
  duplicate_reporter: { zh: '该党员已是述职人', en: 'this person already reports' },
  duplicate_name: { zh: '名称重复', en: 'another item of this list has this name' },
  main_venue: { zh: '只能有一个主会场', en: 'only one venue is the main venue' },
  scale_size: { zh: '评价等级至少要有两档', en: 'a scale has at least two grades' },
  scale_order: { zh: '每一等级的分值须低于上一等级', en: 'each grade is worth fewer points than the one before' },
  points_range: { zh: '分值应为 0 至 1000 的整数', en: 'points are a whole number from 0 to 1000' },
  thresholds_order: { zh: '每一等级的等级线须低于上一等级', en: 'each grade needs a lower score than the one above' },
  lowest_grade: { zh: '最低等级涵盖其余所有得分，不设等级线', en: 'the lowest grade takes every score below the others and has no threshold' },
  threshold_range: { zh: '等级线应在 0 至 1000 之间，精确到 0.01', en: 'a threshold is from 0 to 1000, to 0.01' },
  outside_organizer: { zh: '该党组织不在组织单位之下', en: 'the organization is not under the organizer' },
  unknown_id: { zh: '不是本次述职评议中的项', en: 'not an item of this assessment' },
  locked: { zh: '测评开始后不能再修改设置（当前为“{state|assessmentState}”）', en: 'the set-up cannot change once scoring has opened ({state})' },
  in_use: { zh: '已为移除的项发放了测评码，不能移除', en: 'ballot codes were issued for an item left out' },

  // moving an assessment on
  bad_transition: {
    zh: '“{from|assessmentState}”的述职评议不能转为“{to|assessmentState}”',
    en: 'an assessment in {from} cannot move to {to}',
  },
  not_allowed: { zh: '只有开始测评时才指定述职人', en: 'reporters are named only when opening' },
  no_codes: { zh: '请先发放测评码再开始测评', en: 'issue ballot codes before opening' },
  unknown_reporter: { zh: '不是本次述职评议的述职人', en: 'not a reporter of this assessment' },
  already_open: { zh: '这些述职人已在测评中', en: 'these reporters are already open' },

  // codes, results and follow-ups
  unknown_group: { zh: '不是本次述职评议的测评组', en: 'not a rater group of this assessment' },
  unknown_venue: { zh: '不是本次述职评议的会场', en: 'not a venue of this assessment' },
  unknown_user: { zh: '没有这个用户', en: 'no such user' },
  already_issued: { zh: '该用户已有本次述职评议的测评码', en: 'this user already has a code for this assessment' },
  results_not_published: { zh: '测评结果尚未公布', en: 'The results are not published yet' },
  evidence_required: { zh: '请说明整改完成情况', en: 'say how it was done' },
};
