import type { Migration } from './index';

const DESK = '00000000-0000-7000-8000-000000000001';

/** The towns and districts of Al-Ahsa that the association serves; the administrator will keep this list. */
const DISTRICTS: ReadonlyArray<readonly [id: string, code: string, nameAr: string, nameEn: string]> = [
  ['01a211b8-b731-7333-85ef-fa6a0266537a', 'hofuf', 'الهفوف', 'Al-Hofuf'],
  ['01a211b8-b732-7238-bedf-f45bb0009899', 'mubarraz', 'المبرز', 'Al-Mubarraz'],
  ['01a211b8-b732-7238-bedf-fb95d3dce0bc', 'uyun', 'العيون', 'Al-Uyun'],
  ['01a211b8-b732-7238-bedf-ffe19862b0ea', 'omran', 'العمران', 'Al-Omran'],
  ['01a211b8-b732-7238-bee0-0363b922e01a', 'jafr', 'الجفر', 'Al-Jafr'],
  ['01a211b8-b732-7238-bee0-05f45681ec25', 'qarah', 'القارة', 'Al-Qarah'],
  ['01a211b8-b732-7238-bee0-09e511d49604', 'taraf', 'الطرف', 'Al-Taraf'],
  ['01a211b8-b732-7238-bee0-0ec258043a36', 'jishah', 'الجشة', 'Al-Jishah'],
  ['01a211b8-b732-7238-bee0-102d355c3de7', 'mutayrifi', 'المطيرفي', 'Al-Mutayrifi'],
  ['01a211b8-b732-7238-bee0-16448867287f', 'shuqayq', 'الشقيق', 'Ash-Shuqayq'],
  ['01a211b8-b732-7238-bee0-1925cd92646e', 'kilabiyah', 'الكلابية', 'Al-Kilabiyah'],
  ['01a211b8-b732-7238-bee0-1f371c42a78e', 'munaizlah', 'المنيزلة', 'Al-Munaizlah'],
  ['01a211b8-b732-7238-bee0-23763f634637', 'battaliyah', 'البطالية', 'Al-Battaliyah'],
  ['01a211b8-b732-7238-bee0-27f6bf486348', 'hulaylah', 'الحليلة', 'Al-Hulaylah'],
  ['01a211b8-b732-7238-bee0-2ad68ee84baa', 'dalwah', 'الدالوة', 'Ad-Dalwah'],
  ['01a211b8-b732-7238-bee0-2f0908623abe', 'tuwaythir', 'التويثير', 'At-Tuwaythir'],
  ['01a211b8-b732-7238-bee0-338668ac1448', 'jaran', 'الجرن', 'Al-Jaran'],
  ['01a211b8-b732-7238-bee0-35e97e7b2c0a', 'markaz', 'المركز', 'Al-Markaz'],
  ['01a211b8-b732-7238-bee0-396a5e0981cf', 'uqayr', 'العقير', 'Al-Uqayr'],
  ['01a211b8-b732-7238-bee0-3f0fe750e617', 'salwa', 'سلوى', 'Salwa'],
  ['01a211b8-b732-7238-bee0-43f4d09314c2', 'other', 'خارج الأحساء', 'Outside Al-Ahsa'],
];

export const alAhsaDistricts: Migration = {
  version: 2,
  name: 'al-ahsa-districts',
  statements: DISTRICTS.map(
    ([id, code, nameAr, nameEn], index) =>
      `INSERT INTO districts (id, code, name_ar, name_en, sort_order, active, created_at, updated_at, created_by, updated_by)
       VALUES ('${id}', '${code}', '${nameAr}', '${nameEn}', ${index + 1}, 1,
               strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ'), '${DESK}', '${DESK}')`,
  ),
};
