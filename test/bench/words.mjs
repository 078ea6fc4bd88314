// Small word lists for the synthetic alliance. Index-aligned across locales, so product N reads
// the same in every language. Chinese names carry 咖啡 / 蜂蜜 and Spanish ones accents, so the
// bench's searches (?q=咖啡 in zh-TW, ?q=miel in es) have real matches.

export const LOCALES = ['en', 'es', 'fr', 'zh-CN', 'zh-TW', 'ar'];

/** One entry per demo category: what the product is, per locale, and how it is sold. */
export const KINDS = [
  {
    category: 'coffee',
    unit: 'kg',
    unitDecimals: 3,
    moq: 1000,
    names: { en: 'Arabica coffee', es: 'Café arábica', fr: 'Café arabica', 'zh-CN': '阿拉比卡咖啡豆', 'zh-TW': '阿拉比卡咖啡豆', ar: 'قهوة أرابيكا' },
  },
  {
    category: 'tea',
    unit: 'pack',
    unitDecimals: 0,
    moq: 1,
    names: { en: 'Oolong tea', es: 'Té oolong', fr: 'Thé oolong', 'zh-CN': '乌龙茶', 'zh-TW': '烏龍茶', ar: 'شاي أولونغ' },
  },
  {
    category: 'cacao-chocolate',
    unit: 'bag',
    unitDecimals: 0,
    moq: 1,
    names: { en: 'Cacao nibs', es: 'Nibs de cacao', fr: 'Éclats de cacao', 'zh-CN': '可可碎粒', 'zh-TW': '可可碎粒', ar: 'حبيبات الكاكاو' },
  },
  {
    category: 'honey-bee-products',
    unit: 'jar',
    unitDecimals: 0,
    moq: 1,
    names: { en: 'Wildflower honey', es: 'Miel de flores silvestres', fr: 'Miel de fleurs sauvages', 'zh-CN': '野花蜂蜜', 'zh-TW': '野花蜂蜜', ar: 'عسل الزهور البرية' },
  },
  {
    category: 'textiles',
    unit: 'piece',
    unitDecimals: 0,
    moq: 1,
    names: { en: 'Indigo scarf', es: 'Bufanda añil', fr: 'Écharpe indigo', 'zh-CN': '靛蓝围巾', 'zh-TW': '靛藍圍巾', ar: 'وشاح نيلي' },
  },
];

export const ORIGINS = {
  en: ['Highland', 'Mountain', 'Valley', 'Forest', 'Riverside', 'Misty', 'Sunny', 'Golden'],
  es: ['de altura', 'de montaña', 'del valle', 'del bosque', 'de la ribera', 'de niebla', 'soleado', 'dorado'],
  fr: ['d’altitude', 'de montagne', 'de la vallée', 'de la forêt', 'de la rivière', 'des brumes', 'ensoleillé', 'doré'],
  'zh-CN': ['高山', '山地', '山谷', '森林', '河畔', '云雾', '向阳', '金色'],
  'zh-TW': ['高山', '山地', '山谷', '森林', '河畔', '雲霧', '向陽', '金色'],
  ar: ['المرتفعات', 'الجبل', 'الوادي', 'الغابة', 'النهر', 'الضباب', 'المشمس', 'الذهبي'],
};

const DESCRIPTIONS = {
  en: 'Picked by hand, processed by the grower’s family and traceable lot by lot to the plot.',
  es: 'Recolección a mano, elaboración por la familia productora y trazabilidad lote a lote hasta la parcela.',
  fr: 'Récolté à la main, transformé par la famille du producteur et traçable lot par lot jusqu’à la parcelle.',
  'zh-CN': '人工采摘，由种植户家庭加工，每个批次都可追溯到地块。',
  'zh-TW': '人工採收，由種植戶家庭加工，每個批次都可追溯到地塊。',
  ar: 'يُقطف يدويًا وتعالجه أسرة المزارع، ويمكن تتبّعه دفعةً دفعة حتى قطعة الأرض.',
};

const STORY = {
  en: 'A small producer group farming above 1,000 metres.',
  es: 'Un pequeño grupo de productores que cultiva por encima de los 1.000 metros.',
  fr: 'Un petit groupe de producteurs qui cultive au-dessus de 1 000 mètres.',
  'zh-CN': '一个在海拔一千米以上耕作的小型生产者团体。',
  'zh-TW': '一個在海拔一千公尺以上耕作的小型生產者團體。',
  ar: 'مجموعة صغيرة من المنتجين تزرع على ارتفاع يزيد على ألف متر.',
};

/** The product's name in one locale, e.g. "Café arábica de montaña n.º 12", "高山阿拉比卡咖啡豆 12號". */
function productName(lng, kind, origin, n) {
  const noun = kind.names[lng];
  const adj = ORIGINS[lng][origin];
  switch (lng) {
    case 'en': return `${adj} ${noun} No. ${n}`;
    case 'es': return `${noun} ${adj} n.º ${n}`;
    case 'fr': return `${noun} ${adj} nº ${n}`;
    case 'zh-CN': return `${adj}${noun} ${n}号`;
    case 'zh-TW': return `${adj}${noun} ${n}號`;
    default: return `${noun} ${adj} رقم ${n}`;
  }
}

export function productTranslations(kind, origin, n) {
  return Object.fromEntries(LOCALES.map((lng) => [lng, { name: productName(lng, kind, origin, n), description: DESCRIPTIONS[lng] }]));
}

export function memberStory() {
  return { ...STORY };
}
