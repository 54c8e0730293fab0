export const MAX_AGENDA_ITEMS = 50;
export const AGENDA_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface AgendaItem {
  time: string;
  title: string;
  presenter: string | null;
}

// The agenda in the order of the meeting: by time, items at the same time in the order given.
export function inTimeOrder<T extends { time: string }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.time < b.item.time ? -1 : a.item.time > b.item.time ? 1 : a.index - b.index))
    .map(({ item }) => item);
}
