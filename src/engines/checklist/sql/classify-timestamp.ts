const CREATED = /^(?:created|inserted|creation|added)(?:_?(?:at|on|date|time|ts))?$/;
const UPDATED = /^(?:updated|modified|changed|last_?modified|last_?updated)(?:_?(?:at|on|date|time|ts))?$/;

/** Whether a column name reads as the row's creation or last-change time (`created_at`, `updatedAt`, `modified_on`). */
export function classifyTimestamp(column: string): 'created' | 'updated' | null {
  const name = column.toLowerCase();
  if (CREATED.test(name)) return 'created';
  if (UPDATED.test(name)) return 'updated';
  return null;
}
