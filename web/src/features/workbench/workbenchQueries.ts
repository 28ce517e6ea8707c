import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Workbench } from '../../../../domain/schemas/workbench';

export type Todo = Workbench['todos'][number];
export type WorkbenchActivity = Workbench['activitiesThisMonth']['items'][number];

export function useWorkbench() {
  return useQuery({ queryKey: ['workbench'], queryFn: () => api<Workbench>('/workbench') });
}

/** Where a to-do's object opens. */
export function todoLink(todo: Todo): string {
  const id = encodeURIComponent(todo.subjectId);
  switch (todo.subjectType) {
    case 'demand':
      return `/demands?demand=${id}`;
    case 'activity':
      return `/activities?activity=${id}`;
    case 'org':
      return `/compliance?org=${id}`;
    case 'secretary_project':
      return `/projects/${id}`;
    case 'assessment':
      return `/assessments/${id}`;
  }
}
