import type { TFunction } from 'i18next';
import type { AssessmentState } from '../../../../domain/assessments/states';

export const STATE_COLORS: Record<AssessmentState, string> = {
  draft: 'default',
  open: 'processing',
  closed: 'orange',
  published: 'green',
};

const KNOWN_GRADES: readonly string[] = ['excellent', 'good', 'fair', 'poor'];

/** The default grades by their names in the language; a grade an organizer named is shown as named. */
export const gradeLabel = (t: TFunction, grade: string) =>
  KNOWN_GRADES.includes(grade) ? t(`assessment.grades.${grade}`) : grade;

/** Colours of the grades in charts and tags, from best to worst. */
export const GRADE_COLORS = ['#c8161d', '#fa8c16', '#1677ff', '#8c8c8c', '#722ed1', '#13c2c2'];

/** '83.34' or '—' for a figure that has no ballots behind it */
export const figure = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));
