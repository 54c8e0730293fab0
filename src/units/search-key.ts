// Folds Vietnamese text for diacritics-insensitive search: "Xã Đăk Ruồng" → "xa dak ruong".
// NFD splits most letters from their marks; đ/Đ is a letter of its own and is mapped by hand.
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
