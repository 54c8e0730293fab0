import { Client } from 'pg';
import { searchKey } from '../../src/units/search-key';
import { UnitKind } from '../../src/units/unit.entity';

// A country-sized set of units: mostly communes, some townships, a few agencies and others.
const KIND_PATTERN: readonly UnitKind[] = ['commune', 'commune', 'township', 'commune', 'agency', 'commune', 'commune', 'township', 'other', 'commune'];
const PREFIX: Record<UnitKind, string> = { commune: 'Xã', township: 'Thị trấn', agency: 'Sở', other: 'Trung tâm' };
const PLACES = [
  'Đăk Ruồng',
  'Đăk Tơ Re',
  'Tân Lập',
  'Đăk Kôi',
  'Đăk Pne',
  'Ngọc Hồi',
  'Sa Thầy',
  'Ia Chim',
  'Hòa Bình',
  'Phước Sơn',
  'Quảng Điền',
  'Hương Trà',
  'Phú Lộc',
  'Nghĩa Đàn',
  'Quỳnh Lưu',
  'Diễn Châu',
  'Yên Thành',
  'Đô Lương',
  'Thanh Chương',
  'Hưng Nguyên',
  'Cẩm Xuyên',
  'Kỳ Anh',
  'Đức Thọ',
  'Hương Khê',
  'Bố Trạch',
  'Lệ Thủy',
  'Gio Linh',
  'Hải Lăng',
  'Điện Bàn',
  'Duy Xuyên',
  'Thăng Bình',
  'Núi Thành',
  'Bình Sơn',
  'Đức Phổ',
  'Hoài Nhơn',
  'Tuy Phước',
  'Sông Cầu',
  'Ninh Hòa',
  'Cam Lâm',
  'Bảo Lộc',
] as const;

export const SEEDED_CODE_PREFIX = 'DV-';

// Inserts `count` units in one statement. Codes are DV-00001, DV-00002, ...; names carry full
// diacritics and search_key holds searchKey(`${code} ${name}`), as the service stores it.
export async function seedUnits(databaseUrl: string, count: number): Promise<void> {
  const prefixes = KIND_PATTERN.map((kind) => PREFIX[kind]);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO units (code, name, kind, emails, head_email, active, search_key, created_at, updated_at)
       SELECT code, prefix || ' ' || place || ' ' || i, kind,
              ARRAY['ubnd.' || lower(code) || '@tinh.gov.vn', 'vanphong.' || lower(code) || '@tinh.gov.vn'],
              CASE WHEN i % 3 = 0 THEN 'chutich.' || lower(code) || '@tinh.gov.vn' END,
              true,
              lower(code) || ' ' || prefix_key || ' ' || place_key || ' ' || i,
              created_at, created_at
       FROM (
         SELECT i,
                '${SEEDED_CODE_PREFIX}' || lpad(i::text, 5, '0') AS code,
                ($1::text[])[1 + i % cardinality($1::text[])] AS kind,
                ($2::text[])[1 + i % cardinality($2::text[])] AS prefix,
                ($3::text[])[1 + i % cardinality($3::text[])] AS prefix_key,
                ($4::text[])[1 + (i / 7) % cardinality($4::text[])] AS place,
                ($5::text[])[1 + (i / 7) % cardinality($5::text[])] AS place_key,
                timestamptz '2024-01-02T08:00:00+07:00' + i * interval '1 minute' AS created_at
         FROM generate_series(1, $6::int) AS i
       ) AS generated`,
      [[...KIND_PATTERN], prefixes, prefixes.map(searchKey), [...PLACES], PLACES.map(searchKey), count],
    );
    await client.query('ANALYZE units');
    await checkSearchKeys(client);
  } finally {
    await client.end();
  }
}

// The SQL above folds names piece by piece; make sure that matches what the service computes.
async function checkSearchKeys(client: Client): Promise<void> {
  const { rows } = await client.query<{ code: string; name: string; search_key: string }>('SELECT code, name, search_key FROM units ORDER BY random() LIMIT 50');
  const wrong = rows.find((row) => row.search_key !== searchKey(`${row.code} ${row.name}`));
  if (wrong) throw new Error(`seeded search_key "${wrong.search_key}" differs from the service's "${searchKey(`${wrong.code} ${wrong.name}`)}"`);
}
