/**
 * The key the services list sorts by name: what a row shows (the title, else
 * the name) without accents or case, so that `éa` sorts before `Éb` and both
 * among the e's. The database compares keys byte by byte (the column's
 * collation is "C" on PostgreSQL), so SQLite and PostgreSQL sort alike.
 */
export function sortNameOf(name: string, title?: string | null): string {
  return (title ?? name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLocaleLowerCase('en-US');
}
