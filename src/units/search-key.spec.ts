import fc from 'fast-check';
import { searchKey } from './search-key';

describe('searchKey', () => {
  it.each([
    ['Xã Đăk Ruồng', 'xa dak ruong'],
    ['Thị trấn Đăk Rve', 'thi tran dak rve'],
    ['Hội Liên hiệp Phụ nữ huyện', 'hoi lien hiep phu nu huyen'],
    ['  Ủy   ban MTTQ  ', 'uy ban mttq'],
    ['ĐOÀN THANH NIÊN', 'doan thanh nien'],
  ])('should fold %s into %s', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });

  it('should fold precomposed and decomposed forms alike when the same text is typed differently', () => {
    expect(searchKey('Ruồng'.normalize('NFC'))).toBe(searchKey('Ruồng'.normalize('NFD')));
  });

  it('should be idempotent for any text', () => {
    fc.assert(fc.property(fc.string(), (text) => searchKey(searchKey(text)) === searchKey(text)));
  });
});
