/**
 * A plain-text excerpt of user markdown for lists: the words without the markdown syntax
 * (`**bold**` → `bold`, `[docs](https://…)` → `docs`). It returns text, never HTML; templates show
 * it as text. Full markdown is rendered only by `markdown.ts`, in the post detail.
 */
export function plainExcerpt(source: string, max = 280): string {
  const text = source
    .replace(/\r\n?/g, '\n')
    .replace(/^\s{0,3}(`{3,}|~{3,}).*$/gm, '') // code fences
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links → their text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/^\s{0,3}#{1,6}\s+/gm, '') // headings
    .replace(/^\s{0,3}>\s?/gm, '') // block quotes
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm, '') // list markers, task boxes
    .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, '') // rules
    // Strong and emphasis; `_` only at word edges, as in CommonMark (`snake_case_name` stays).
    .replace(/\*\*(?=\S)((?:(?!\n\n|\*\*)[^])*?\S)\*\*/g, '$1')
    .replace(/(^|\W)__(?=\S)((?:(?!\n\n|__)[^])*?\S)__(?!\w)/g, '$1$2')
    .replace(/\*(?=\S)((?:(?!\n\n)[^])*?\S)\*/g, '$1')
    .replace(/(^|\W)_(?=\S)((?:(?!\n\n)[^])*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)((?:(?!\n\n)[^])*?\S)~~/g, '$1') // strikethrough
    .replace(/`([^`]*)`/g, '$1') // inline code
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
