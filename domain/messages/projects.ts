import type { Catalog } from './text';

// Secretary projects: campaigns, applications, plans, weekly reports, supervision, evaluation and
// the campaign's documents.

export const PROJECTS: Catalog = {
  not_organizer: { zh: '只有活动的组织单位可以进行此操作', en: "Only the campaign's organizer may do this" },
  not_organizer_of_org: { zh: '您不代表该党组织', en: 'You do not act for this organization' },
  not_organizer_evaluates: { zh: '只有活动的组织单位可以评价项目', en: "Only the campaign's organizer evaluates projects" },
  not_organizer_views: { zh: '活动汇总仅供组织单位和联系领导查看', en: "The campaign's views are for its organizer and contact leaders" },
  campaign_exists: { zh: '该党组织 {year} 年已有书记项目活动', en: 'This organization already has a campaign for {year}' },
  one_campaign_per_year: { zh: '每个组织单位每年只能有一次活动', en: 'one campaign per organizer and year' },
  org_not_under_organizer: { zh: '不是组织单位下属的党组织', en: 'not an organization under the organizer' },
  criterion_not_of_campaign: { zh: '不是本次活动的评价指标', en: 'not a criterion of this campaign' },
  criteria_already_scored: { zh: '已有项目按这些指标评分，不能再修改', en: 'projects were already scored against these criteria' },
  project_exists: { zh: '该党组织在本次活动中已有项目', en: 'This organization already has a project in this campaign' },
  one_project_per_campaign: { zh: '每个党组织在一次活动中只能申报一个项目', en: 'one project per organization and campaign' },
  org_outside_campaign: { zh: '不在本次活动的范围内', en: "outside the campaign's scope" },
  application_deadline_passed: { zh: '申报截止日期 {deadline} 已过', en: 'the application deadline {deadline} has passed' },
  not_active_user: { zh: '不是有效的用户', en: 'not an active user' },
  not_editable_application: {
    zh: '申报书只能在草稿或退回时修改，本项目为“{state|projectState}”',
    en: 'The application is edited while a draft or returned; this project is {state}',
  },
  not_editable: { zh: '本项目为“{state|projectState}”，不能修改', en: 'This project is {state}' },
  project_wrong_state: {
    zh: '项目处于“{state|projectState}”状态，不能添加{record|projectRecord}',
    en: 'A project in {state} takes no {record|projectRecord}',
  },
  before_start_date: { zh: '不能早于开始日期', en: 'before the start date' },
  date_outside_project: { zh: '应在项目起止日期 {startOn} 至 {endOn} 之间', en: "outside the project's dates {startOn} – {endOn}" },
  milestone_not_of_project: { zh: '不是本项目的节点', en: 'not a milestone of this project' },
  indicator_not_of_project: { zh: '不是本项目的指标', en: 'not an indicator of this project' },
  given_twice: { zh: '重复填写', en: 'given twice' },
  not_iso_week: { zh: '不是有效的周（应为 2026-W05 这样的格式）', en: 'not an ISO week' },
  week_to_come: { zh: '这一周还没有到', en: 'a week still to come' },
  report_exists: { zh: '{week} 已填报，请修改原周报', en: 'The report for {week} was already filed; edit it instead' },
  report_already_filed: { zh: '本周已填报', en: 'already filed' },
  report_not_of_project: { zh: '不是本项目的周报', en: 'not a report of this project' },
  cleared_before_raised: { zh: '不能早于问题提出日期 {raisedOn}', en: 'before it was raised on {raisedOn}' },
  due_before_visit: { zh: '不能早于督导日期', en: 'before the visit' },
  not_completed: {
    zh: '只有已完成的项目才能评价，本项目为“{state|projectState}”',
    en: 'Only a completed project is evaluated; this one is {state}',
  },
  project_not_completed: { zh: '项目尚未完成', en: 'not completed' },
  activity_not_of_project_org: { zh: '不是本项目所属党组织的活动', en: "not an activity of the project's organization" },
  nothing_approved: { zh: '本次活动还没有获批的项目', en: 'No project of this campaign is approved yet' },
};
