/** The words of a column name, lower-case: `unit_prices` → unit, prices; `themeMode` → theme, mode. */
export function columnWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter(Boolean);
}
