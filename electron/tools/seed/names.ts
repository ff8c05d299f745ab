/**
 * Synthetic Saudi names for demo data and benchmarks: no real person is described.
 *
 * Each name lists the spellings that real registries hold side by side (أحمد/احمد, عبدالله/عبد الله,
 * نورة/نوره…), the most common first, and a Latin transliteration for a subset. The lists are ordered
 * roughly from common to rare; `weightedPicker` turns that order into a Zipf-like frequency, so a few
 * names are very common (as محمد and فاطمة are) and the tail is rare.
 */

export interface NameEntry {
  /** Spellings of the same name, the most usual first. */
  spellings: readonly string[];
  /** A common Latin transliteration, when the demo data should carry one. */
  latin?: string;
}

const entry = (spellings: string, latin?: string): NameEntry => ({ spellings: spellings.split('|'), latin });

/** Male first names (also used for fathers and grandfathers). */
export const MALE_NAMES: readonly NameEntry[] = [
  entry('محمد', 'Mohammed'),
  entry('عبدالله|عبد الله', 'Abdullah'),
  entry('أحمد|احمد', 'Ahmed'),
  entry('علي', 'Ali'),
  entry('عبدالرحمن|عبد الرحمن', 'Abdulrahman'),
  entry('خالد', 'Khalid'),
  entry('حسين', 'Hussain'),
  entry('إبراهيم|ابراهيم', 'Ibrahim'),
  entry('حسن', 'Hassan'),
  entry('عبدالعزيز|عبد العزيز', 'Abdulaziz'),
  entry('فهد', 'Fahad'),
  entry('سعد', 'Saad'),
  entry('صالح', 'Saleh'),
  entry('سعود', 'Saud'),
  entry('يوسف', 'Yousef'),
  entry('فيصل', 'Faisal'),
  entry('سلطان', 'Sultan'),
  entry('ناصر', 'Nasser'),
  entry('عمر', 'Omar'),
  entry('سليمان', 'Sulaiman'),
  entry('جعفر', 'Jaafar'),
  entry('مرتضى|مرتضي', 'Murtadha'),
  entry('عيسى|عيسي', 'Isa'),
  entry('موسى', 'Musa'),
  entry('حمد', 'Hamad'),
  entry('راشد', 'Rashid'),
  entry('سالم', 'Salem'),
  entry('عبدالمحسن|عبد المحسن', 'Abdulmohsen'),
  entry('عبداللطيف|عبد اللطيف', 'Abdullatif'),
  entry('تركي', 'Turki'),
  entry('بندر', 'Bandar'),
  entry('نايف|نائف', 'Nayef'),
  entry('ماجد', 'Majed'),
  entry('مشعل', 'Mishal'),
  entry('عثمان', 'Othman'),
  entry('مصطفى', 'Mustafa'),
  entry('مهدي', 'Mahdi'),
  entry('عباس', 'Abbas'),
  entry('يحيى|يحيي', 'Yahya'),
  entry('عادل', 'Adel'),
  entry('طارق', 'Tariq'),
  entry('وليد', 'Waleed'),
  entry('ياسر', 'Yasser'),
  entry('بدر', 'Badr'),
  entry('جاسم', 'Jasim'),
  entry('حمزة|حمزه', 'Hamza'),
  entry('سلمان', 'Salman'),
  entry('سعيد', 'Saeed'),
  entry('منصور', 'Mansour'),
  entry('مبارك', 'Mubarak'),
  entry('هاشم', 'Hashim'),
  entry('هشام', 'Hisham'),
  entry('عبدالكريم|عبد الكريم', 'Abdulkarim'),
  entry('عبدالإله|عبدالاله|عبد الإله', 'Abdulelah'),
  entry('عبدالمجيد|عبد المجيد'),
  entry('عبدالوهاب|عبد الوهاب'),
  entry('عبدالهادي|عبد الهادي'),
  entry('عبدالجليل|عبد الجليل'),
  entry('عبدالحميد|عبد الحميد'),
  entry('عبدالرزاق|عبد الرزاق'),
  entry('عبدالسلام|عبد السلام'),
  entry('عبدالأمير|عبدالامير|عبد الأمير'),
  entry('ضيف الله|ضيفالله'),
  entry('كاظم', 'Kadhim'),
  entry('رضا', 'Redha'),
  entry('باقر', 'Baqer'),
  entry('صادق', 'Sadiq'),
  entry('هادي', 'Hadi'),
  entry('زكي', 'Zaki'),
  entry('تقي'),
  entry('منتظر'),
  entry('سجاد'),
  entry('محسن'),
  entry('حمود'),
  entry('طلال', 'Talal'),
  entry('ياسين'),
  entry('يزيد'),
  entry('زياد', 'Ziyad'),
  entry('ثامر'),
  entry('جابر'),
  entry('جمال'),
  entry('حامد'),
  entry('حاتم'),
  entry('خليل'),
  entry('خليفة|خليفه'),
  entry('رائد|رايد'),
  entry('سامي', 'Sami'),
  entry('شاكر'),
  entry('صلاح'),
  entry('ضياء'),
  entry('طه'),
  entry('عامر'),
  entry('عايض|عائض'),
  entry('عبيد'),
  entry('عدنان'),
  entry('عصام'),
  entry('علاء'),
  entry('عمار'),
  entry('عوض'),
  entry('غازي'),
  entry('فارس'),
  entry('فاضل'),
  entry('فالح'),
  entry('فواز'),
  entry('قاسم'),
  entry('لؤي|لوي'),
  entry('متعب'),
  entry('محمود'),
  entry('مساعد'),
  entry('مشاري'),
  entry('معاذ'),
  entry('مفلح'),
  entry('مهند'),
  entry('نواف'),
  entry('هاني'),
  entry('وائل|وايل'),
  entry('أنس|انس'),
  entry('أيمن|ايمن'),
  entry('أسامة|اسامه|أسامه'),
  entry('إسماعيل|اسماعيل'),
  entry('إدريس|ادريس'),
  entry('بسام'),
  entry('حيدر'),
  entry('رياض'),
  entry('زهير'),
  entry('مازن'),
  entry('نزار'),
  entry('هيثم'),
  entry('غانم'),
];

/** Female first names. */
export const FEMALE_NAMES: readonly NameEntry[] = [
  entry('فاطمة|فاطمه', 'Fatimah'),
  entry('نورة|نوره', 'Noura'),
  entry('مريم', 'Maryam'),
  entry('زينب', 'Zainab'),
  entry('عائشة|عايشة|عائشه', 'Aisha'),
  entry('سارة|ساره', 'Sarah'),
  entry('خديجة|خديجه', 'Khadijah'),
  entry('هيا|هياء', 'Haya'),
  entry('منيرة|منيره', 'Munira'),
  entry('زهراء|الزهراء', 'Zahra'),
  entry('لطيفة|لطيفه', 'Latifa'),
  entry('حصة|حصه', 'Hessa'),
  entry('نوف', 'Nouf'),
  entry('ريم', 'Reem'),
  entry('أمل|امل', 'Amal'),
  entry('هند', 'Hind'),
  entry('معصومة|معصومه'),
  entry('الجوهرة|جوهرة|الجوهره', 'Aljawhara'),
  entry('لولوة|لولوه'),
  entry('شيخة|شيخه'),
  entry('موضي'),
  entry('سلمى', 'Salma'),
  entry('أسماء|اسماء', 'Asma'),
  entry('حليمة|حليمه'),
  entry('آمنة|امنة|آمنه', 'Amina'),
  entry('رقية|رقيه'),
  entry('كوثر'),
  entry('رباب'),
  entry('سكينة|سكينه'),
  entry('بتول'),
  entry('حوراء|حورا'),
  entry('نرجس'),
  entry('فضيلة|فضيله'),
  entry('ليلى|ليلي', 'Layla'),
  entry('سعاد', 'Suad'),
  entry('وفاء'),
  entry('عبير'),
  entry('منى', 'Mona'),
  entry('مها', 'Maha'),
  entry('نجلاء'),
  entry('هدى|هدي', 'Huda'),
  entry('إيمان|ايمان', 'Eman'),
  entry('أروى|اروى'),
  entry('بشاير|بشائر'),
  entry('جميلة|جميله'),
  entry('حنان'),
  entry('خلود'),
  entry('دلال'),
  entry('رحاب'),
  entry('رهف'),
  entry('روان'),
  entry('ريما'),
  entry('سميرة|سميره'),
  entry('سهام'),
  entry('شذى'),
  entry('شروق'),
  entry('صفية|صفيه'),
  entry('عفاف'),
  entry('غادة|غاده'),
  entry('غدير'),
  entry('فوزية|فوزيه'),
  entry('لمياء'),
  entry('مشاعل'),
  entry('ملاك'),
  entry('منال'),
  entry('نادية|ناديه'),
  entry('نجود'),
  entry('نهى'),
  entry('وداد'),
  entry('ياسمين'),
  entry('العنود|عنود'),
  entry('البندري|بندري'),
  entry('الهنوف|هنوف'),
  entry('دانة|دانه'),
  entry('جواهر'),
  entry('سلوى'),
  entry('أفراح|افراح'),
  entry('تهاني'),
  entry('زكية|زكيه'),
  entry('فايزة|فائزة'),
  entry('بدرية|بدريه'),
  entry('مزنة|مزنه'),
];

/** Family names of Al-Ahsa's families and of the tribes of the Eastern Province and the Kingdom. */
export const SAUDI_FAMILY_NAMES: readonly NameEntry[] = [
  entry('الملحم', 'Al-Mulhim'),
  entry('القحطاني', 'Al-Qahtani'),
  entry('الدوسري', 'Al-Dossary'),
  entry('الهاجري', 'Al-Hajri'),
  entry('العجمي', 'Al-Ajmi'),
  entry('الموسى', 'Al-Mousa'),
  entry('النعيم', 'Al-Naim'),
  entry('الجبر', 'Al-Jabr'),
  entry('آل مبارك|المبارك', 'Al-Mubarak'),
  entry('العفالق', 'Al-Afaliq'),
  entry('المري', 'Al-Marri'),
  entry('السبيعي', 'Al-Subaie'),
  entry('الشمري', 'Al-Shammari'),
  entry('الخالدي', 'Al-Khaldi'),
  entry('الزهراني', 'Al-Zahrani'),
  entry('العمير', 'Al-Omair'),
  entry('البوعينين', 'Al-Buainain'),
  entry('الحليبي', 'Al-Hulaibi'),
  entry('الغنام', 'Al-Ghannam'),
  entry('الراشد', 'Al-Rashed'),
  entry('العتيبي', 'Al-Otaibi'),
  entry('المطيري', 'Al-Mutairi'),
  entry('الغامدي', 'Al-Ghamdi'),
  entry('الحربي', 'Al-Harbi'),
  entry('العنزي', 'Al-Anazi'),
  entry('الملا', 'Al-Mulla'),
  entry('العرفج', 'Al-Arfaj'),
  entry('البقشي', 'Al-Baqshi'),
  entry('بوخمسين|بو خمسين', 'Bukhamseen'),
  entry('العيسى', 'Al-Eisa'),
  entry('الصالح', 'Al-Saleh'),
  entry('الحسن', 'Al-Hassan'),
  entry('العلي', 'Al-Ali'),
  entry('المحمد', 'Al-Mohammed'),
  entry('الأحمد|الاحمد', 'Al-Ahmed'),
  entry('الشهري', 'Al-Shehri'),
  entry('السهلي', 'Al-Sahli'),
  entry('اليامي', 'Al-Yami'),
  entry('العمري', 'Al-Omari'),
  entry('الرشيدي', 'Al-Rashidi'),
  entry('الجهني', 'Al-Juhani'),
  entry('البقمي'),
  entry('المالكي', 'Al-Malki'),
  entry('الحمدان'),
  entry('الجغيمان'),
  entry('العبدالقادر|آل عبدالقادر|العبد القادر'),
  entry('آل الشيخ'),
  entry('الخميس'),
  entry('الرمضان'),
  entry('الجاسم'),
  entry('الحرز'),
  entry('الطاهر'),
  entry('الدوغان'),
  entry('البراك'),
  entry('الغدير'),
  entry('السلطان'),
  entry('الحمام'),
  entry('المغلوث'),
  entry('العثمان'),
  entry('الخرس'),
  entry('الشايب'),
  entry('المطلق'),
  entry('الفرحان'),
  entry('العمران'),
  entry('الهاشم'),
  entry('الخليفة|الخليفه'),
  entry('الجمعة|الجمعه'),
  entry('العبيد'),
  entry('الزيد'),
  entry('البراهيم|الإبراهيم|الابراهيم'),
  entry('السليم'),
  entry('الرشيد'),
  entry('المهنا'),
  entry('الحجي'),
  entry('القطان'),
  entry('العطار'),
  entry('الصائغ|الصايغ'),
  entry('الحداد'),
  entry('النجار'),
  entry('الخواجة|الخواجه'),
  entry('الشواف'),
  entry('البوسعد'),
  entry('بوحليقة|بو حليقة'),
  entry('العبداللطيف'),
  entry('العبدالمحسن'),
  entry('الحسيني'),
  entry('النمر'),
  entry('السماعيل'),
  entry('الشقاق'),
  entry('الدريويش'),
  entry('القصيبي'),
  entry('الوايل|الوائل'),
  entry('الحماد'),
  entry('آل سلطان'),
  entry('آل علي'),
  entry('آل حسين'),
  entry('آل ناصر'),
  entry('آل عيسى'),
  entry('آل حمد'),
  entry('القرني'),
  entry('الأسمري|الاسمري'),
  entry('الشهراني'),
  entry('الودعاني'),
  entry('الحارثي'),
  entry('العصيمي'),
  entry('الظفيري'),
  entry('البلوي'),
  entry('التميمي'),
  entry('السلمي'),
  entry('الرويلي'),
  entry('العازمي'),
  entry('الوادعي'),
  entry('الكثيري'),
  entry('الصيعري'),
  entry('المنصور'),
  entry('السويلم'),
  entry('الفضلي'),
  entry('البنعلي|بن علي'),
  entry('الشبيب'),
  entry('المحيسن'),
  entry('الغريري'),
  entry('الصويغ'),
  entry('البحراني'),
  entry('الجشي'),
  entry('المقهوي'),
  entry('الهلال'),
  entry('السعيد'),
  entry('الكليب'),
  entry('المزيدي'),
  entry('الحسون'),
  entry('العامر'),
  entry('الخضير'),
  entry('الفهيد'),
  entry('الثنيان'),
  entry('الدهيم'),
  entry('اللويم'),
  entry('الحويش'),
  entry('البغلي'),
  entry('الدخيل'),
  entry('الشعيبي'),
  entry('الجنوبي'),
  entry('العوامي'),
  entry('المسلم'),
  entry('الرمضاني'),
  entry('الخزعل'),
  entry('المعيبد'),
  entry('الطريفي'),
  entry('الزاير|الزائر'),
  entry('النصر الله|النصرالله'),
  entry('العبدالوهاب'),
  entry('الشيخ علي'),
];

/** Family names of resident families, by nationality (ISO 3166 alpha-2). */
export const RESIDENT_FAMILY_NAMES: Readonly<Record<string, readonly NameEntry[]>> = {
  YE: [entry('الحضرمي'), entry('العمودي'), entry('باوزير'), entry('بامحرز'), entry('اليافعي'), entry('الصبري'), entry('المقطري')],
  EG: [entry('عبدالفتاح|عبد الفتاح'), entry('المصري'), entry('السيد'), entry('الشافعي'), entry('عبدالمنعم|عبد المنعم'), entry('حسانين')],
  SY: [entry('الحلبي'), entry('الشامي'), entry('الحمصي'), entry('الخطيب'), entry('الأتاسي|الاتاسي')],
  PK: [entry('خان'), entry('شودري'), entry('قريشي'), entry('ملك')],
  IN: [entry('شيخ'), entry('انصاري|أنصاري'), entry('قادري')],
  BD: [entry('الرحمن'), entry('حسين'), entry('ميا')],
  SD: [entry('عبدالرحيم|عبد الرحيم'), entry('الطيب'), entry('الأمين|الامين'), entry('الفكي')],
  JO: [entry('العبادي'), entry('الزعبي'), entry('الخصاونة|الخصاونه'), entry('النسور')],
};

/** Nationalities of residents, with how often each appears among them. */
export const RESIDENT_NATIONALITIES: ReadonlyArray<readonly [code: string, weight: number]> = [
  ['YE', 30], ['EG', 20], ['SY', 12], ['PK', 12], ['IN', 9], ['BD', 7], ['SD', 6], ['JO', 4],
];

// -------------------------------------------------------------------------------------------------
// Deterministic randomness
// -------------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A digit string of the given length. */
  digits(length: number): string;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    digits: (length) => {
      let out = '';
      for (let index = 0; index < length; index += 1) out += String(Math.floor(next() * 10));
      return out;
    },
  };
}

/**
 * Picks from `items` with a Zipf-like frequency by position: weight 1 / (rank + offset)^exponent.
 * A larger offset flattens the head; a larger exponent makes the tail rarer.
 */
export function weightedPicker<T>(items: readonly T[], offset = 2, exponent = 1): (rng: Rng) => T {
  return pickerWithWeights(items.map((item, rank) => [item, 1 / Math.pow(rank + offset, exponent)] as const));
}

/** Picks from explicit [item, weight] pairs. */
export function pickerWithWeights<T>(pairs: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
  if (pairs.length === 0) throw new Error('nothing to pick from');
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of pairs) {
    total += weight;
    cumulative.push(total);
  }
  return (rng) => {
    const target = rng.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return (pairs[low] as readonly [T, number])[0];
  };
}

/** One spelling of a name: mostly the usual one, sometimes another that registries also hold. */
export function spellingOf(name: NameEntry, rng: Rng, usualShare = 0.75): string {
  const [usual, ...others] = name.spellings;
  if (others.length === 0 || rng.chance(usualShare)) return usual as string;
  return rng.pick(others);
}

/**
 * Another way of writing a name that a person might type: a listed alternative spelling, or the
 * everyday variations (no hamza on alef, ه for ة, ي for ى, عبد الله split or joined, آل / ال).
 * Returns the name unchanged only when no variation applies.
 */
export function respell(written: string, rng: Rng, part: 'given' | 'family' = 'given'): string {
  const listed = SPELLINGS_OF.get(written)?.filter((spelling) => spelling !== written) ?? [];
  const variants = new Set<string>(listed);
  const rules: Array<(text: string) => string> = [
    (text) => text.replace(/[أإآ]/g, 'ا'),
    (text) => text.replace(/ة(?=\s|$)/g, 'ه'),
    (text) => text.replace(/ه(?=\s|$)/g, 'ة'),
    (text) => text.replace(/ى(?=\s|$)/g, 'ي'),
    (text) => text.replace(/^عبد(?=ال)/, 'عبد '),
    (text) => text.replace(/^عبد\s+/, 'عبد'),
    (text) => text.replace(/^ا(?=[حسمنبري])/, 'أ'),
  ];
  if (part === 'family') {
    rules.push((text) => text.replace(/^آل\s+(?!ال)/, 'ال'));
    rules.push((text) => text.replace(/^ال(?=[^ل])/, 'آل '));
  }
  for (const rule of rules) {
    const changed = rule(written);
    if (changed !== written) variants.add(changed);
  }
  if (variants.size === 0) return written;
  return rng.pick([...variants]);
}

const SPELLINGS_OF = new Map<string, readonly string[]>();
for (const list of [MALE_NAMES, FEMALE_NAMES, SAUDI_FAMILY_NAMES, ...Object.values(RESIDENT_FAMILY_NAMES)]) {
  for (const name of list) for (const spelling of name.spellings) SPELLINGS_OF.set(spelling, name.spellings);
}

/** The Latin transliteration of a written name, when the lists hold one. */
export function latinOf(written: string): string | undefined {
  return LATIN_OF.get(written);
}

const LATIN_OF = new Map<string, string>();
for (const list of [MALE_NAMES, FEMALE_NAMES, SAUDI_FAMILY_NAMES]) {
  for (const name of list) if (name.latin) for (const spelling of name.spellings) LATIN_OF.set(spelling, name.latin);
}
