import { Grid } from 'antd';

/** Whether the screen is phone-sized (below antd's `md`, 768 px): pages fold tables into cards and drawers go full width. */
export function usePhone(): boolean {
  return !Grid.useBreakpoint().md;
}
