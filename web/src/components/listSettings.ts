// The columns a user hid in a list, remembered in this browser per list (ListTable's column settings).

const key = (listId: string) => `gongjian.list.${listId}.hidden`;

export function hiddenColumns(listId: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(key(listId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    // a value another version wrote, or storage switched off: every column shows
    return [];
  }
}

export function saveHiddenColumns(listId: string, hidden: string[]): void {
  try {
    localStorage.setItem(key(listId), JSON.stringify(hidden));
  } catch {
    // storage full or switched off: the choice lasts until the page is left
  }
}
