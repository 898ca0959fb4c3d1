/** Case- and accent-insensitive text for search: "Zoë" and "zoe" match, "Köln" and "koln" too. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** Whether any of the texts contains the query (folded); an empty query matches everything. */
export function matchesQuery(query: string, texts: readonly string[]): boolean {
  const folded = foldForSearch(query.trim());
  return !folded || texts.some((text) => foldForSearch(text).includes(folded));
}
