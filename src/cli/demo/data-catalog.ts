import type { CreateCategoryInput } from '#modules/catalog/index.js';
import type { DemoProduct } from '#src/cli/demo/types.js';

// The demo alliance's shared catalog. Prices are US cents; for products sold by the kg with
// unitDecimals 3, moq and orderStep are in grams.

export const DEMO_CATEGORIES: CreateCategoryInput[] = [
  {
    slug: 'coffee',
    position: 0,
    names: { en: 'Coffee', es: 'Café', fr: 'Café', 'zh-CN': '咖啡', 'zh-TW': '咖啡', ar: 'القهوة' },
  },
  {
    slug: 'tea',
    position: 1,
    names: { en: 'Tea', es: 'Té', fr: 'Thé', 'zh-CN': '茶叶', 'zh-TW': '茶葉', ar: 'الشاي' },
  },
  {
    slug: 'cacao-chocolate',
    position: 2,
    names: {
      en: 'Cacao & chocolate',
      es: 'Cacao y chocolate',
      fr: 'Cacao et chocolat',
      'zh-CN': '可可与巧克力',
      'zh-TW': '可可與巧克力',
      ar: 'الكاكاو والشوكولاتة',
    },
  },
  {
    slug: 'honey-bee-products',
    position: 3,
    names: {
      en: 'Honey & bee products',
      es: 'Miel y productos de la colmena',
      fr: 'Miel et produits de la ruche',
      'zh-CN': '蜂蜜与蜂产品',
      'zh-TW': '蜂蜜與蜂產品',
      ar: 'العسل ومنتجات النحل',
    },
  },
  {
    slug: 'textiles',
    position: 4,
    names: { en: 'Textiles', es: 'Textiles', fr: 'Textiles', 'zh-CN': '纺织品', 'zh-TW': '織品', ar: 'المنسوجات' },
  },
];

const COFFEE_MEMBERS = ['doi-chang-coffee', 'pang-khon-akha-coffee'];

export const DEMO_PRODUCTS: DemoProduct[] = [
  // --- Coffee -------------------------------------------------------------------------------
  {
    slug: 'highland-arabica-green-washed',
    categorySlug: 'coffee',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '090111',
    attributes: { organic: false, fairTrade: true, grade: 'SCA 84' },
    priceMinor: 1250,
    currency: 'USD',
    moq: 30000,
    orderStep: 1000,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: 'Highland Arabica, washed, green',
        description:
          'Clean, sweet washed arabica from Doi Chang and Pang Khon, grown at 1,100–1,600 m: brown sugar, red apple and a soft citrus finish. Screen 16+, dried on raised beds and shipped in bags with hermetic liners.',
      },
      es: {
        name: 'Arábica de altura, lavado, verde',
        description:
          'Arábica lavado, limpio y dulce, de Doi Chang y Pang Khon, cultivado entre 1.100 y 1.600 m: azúcar moreno, manzana roja y un final suave y cítrico. Criba 16+, secado en camas elevadas y enviado en sacos con bolsa hermética.',
      },
      fr: {
        name: 'Arabica d’altitude, lavé, vert',
        description:
          'Arabica lavé, net et sucré, de Doi Chang et Pang Khon, cultivé entre 1 100 et 1 600 m : sucre roux, pomme rouge et une finale douce aux agrumes. Crible 16+, séché sur lits surélevés et expédié en sacs avec doublure hermétique.',
      },
      'zh-CN': {
        name: '高山阿拉比卡生豆（水洗）',
        description:
          '来自象山与邦孔村的水洗阿拉比卡，种植于海拔1100至1600米，风味干净甜美：红糖、红苹果，尾韵带柔和的柑橘调。16目以上，高架晾晒床干燥，以内衬密封袋的麻袋出货。',
      },
      'zh-TW': {
        name: '高山阿拉比卡生豆（水洗）',
        description:
          '來自象山與邦孔村的水洗阿拉比卡，種植於海拔1,100至1,600公尺，風味乾淨甜美：黑糖、紅蘋果，尾韻帶有柔和的柑橘調。16目以上，非洲棚架乾燥，以內附密封袋的麻布袋出貨。',
      },
      ar: {
        name: 'بن أرابيكا المرتفعات، مغسول، أخضر',
        description:
          'بن أرابيكا مغسول، نقي وحلو المذاق، من دوي تشانغ وبانغ خون، يُزرع على ارتفاع بين 1100 و1600 متر: نكهات السكر البني والتفاح الأحمر مع لمسة حمضيات ناعمة في الختام. حجم الغربال 16 فما فوق، مجفف على أسرّة مرتفعة، ويُشحن في أكياس ذات بطانة محكمة الإغلاق.',
      },
    },
    supplierSlugs: COFFEE_MEMBERS,
  },
  {
    slug: 'highland-arabica-green-honey',
    categorySlug: 'coffee',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '090111',
    attributes: { organic: true, fairTrade: true, grade: 'SCA 86' },
    priceMinor: 1390,
    currency: 'USD',
    moq: 30000,
    orderStep: 1000,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Highland Arabica, honey process, green',
        description:
          'Dried for three weeks with its mucilage on, this lot tastes of ripe plum, honey and cocoa, with a syrupy body. Certified organic, from Akha and Lisu forest gardens at 1,100–1,600 m.',
      },
      es: {
        name: 'Arábica de altura, proceso honey, verde',
        description:
          'Secado durante tres semanas con su mucílago, este lote sabe a ciruela madura, miel y cacao, con un cuerpo almibarado. Certificado ecológico, de huertos forestales akha y lisu entre 1.100 y 1.600 m.',
      },
      fr: {
        name: 'Arabica d’altitude, procédé honey, vert',
        description:
          'Séché trois semaines avec son mucilage, ce lot évoque la prune mûre, le miel et le cacao, avec un corps sirupeux. Certifié biologique, issu de jardins forestiers akha et lisu entre 1 100 et 1 600 m.',
      },
      'zh-CN': {
        name: '高山阿拉比卡生豆（蜜处理）',
        description:
          '带着果胶干燥三周，这批豆子呈现熟李子、蜂蜜和可可的风味，口感如糖浆般浓稠。有机认证，来自海拔1100至1600米的阿卡族与傈僳族森林农园。',
      },
      'zh-TW': {
        name: '高山阿拉比卡生豆（蜜處理）',
        description:
          '帶著果膠乾燥三週，這批豆子呈現熟李子、蜂蜜與可可的風味，口感如糖漿般滑順濃稠。有機認證，來自海拔1,100至1,600公尺的阿卡族與傈僳族森林農園。',
      },
      ar: {
        name: 'بن أرابيكا المرتفعات، معالجة عسلية، أخضر',
        description:
          'جُفّفت هذه الدفعة ثلاثة أسابيع مع طبقتها الصمغية، فجاءت بنكهات البرقوق الناضج والعسل والكاكاو وقوام كثيف كالشراب. حاصلة على شهادة الزراعة العضوية، من حدائق حرجية لشعبي الأكا والليسو على ارتفاع بين 1100 و1600 متر.',
      },
    },
    supplierSlugs: COFFEE_MEMBERS,
  },
  {
    slug: 'highland-arabica-green-60kg-bag',
    categorySlug: 'coffee',
    unit: 'bag',
    unitDecimals: 0,
    netWeightG: 60000,
    hsCode: '090111',
    attributes: { organic: false, fairTrade: true, grade: 'SCA 82' },
    priceMinor: 64800,
    currency: 'USD',
    moq: 5,
    orderStep: 1,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Highland Arabica, washed, 60 kg export bag',
        description:
          'Our everyday washed lot in full 60 kg jute bags with hermetic liners, for roasters who want a dependable, chocolatey base for blends and espresso. Pooled from both coffee members and cupped before every shipment.',
      },
      es: {
        name: 'Arábica de altura, lavado, saco de exportación de 60 kg',
        description:
          'Nuestro lote lavado de todos los días, en sacos de yute de 60 kg con bolsa hermética, para tostadores que buscan una base fiable y achocolatada para mezclas y espresso. Reúne café de nuestros dos miembros cafetaleros y se cata antes de cada envío.',
      },
      fr: {
        name: 'Arabica d’altitude, lavé, sac export de 60 kg',
        description:
          'Notre lot lavé de tous les jours, en sacs de jute de 60 kg avec doublure hermétique, pour les torréfacteurs qui cherchent une base fiable et chocolatée pour leurs assemblages et leurs espressos. Il réunit les cafés de nos deux membres caféiculteurs et est dégusté avant chaque expédition.',
      },
      'zh-CN': {
        name: '高山阿拉比卡水洗生豆，60公斤出口装',
        description:
          '我们的日常水洗批次，以内衬密封袋的60公斤麻袋包装，适合需要稳定、带巧克力风味的拼配与意式浓缩基底的烘焙商。由联盟的两家咖啡成员共同供货，每次出货前均经杯测。',
      },
      'zh-TW': {
        name: '高山阿拉比卡水洗生豆，60公斤出口袋裝',
        description:
          '我們的日常水洗批次，以內附密封袋的60公斤麻布袋包裝，適合需要穩定、帶巧克力風味之配方豆與義式濃縮基底的烘豆商。由聯盟的兩家咖啡成員共同供貨，每次出貨前皆經杯測。',
      },
      ar: {
        name: 'بن أرابيكا المرتفعات، مغسول، كيس تصدير 60 كغ',
        description:
          'دفعتنا اليومية من البن المغسول في أكياس من الجوت سعة 60 كغ ذات بطانة محكمة الإغلاق، للمحامص التي تبحث عن قاعدة موثوقة بنكهة الشوكولاتة للخلطات والإسبريسو. يجمع محصول المجموعتين المنتجتين للبن في التحالف، ويُتذوَّق قبل كل شحنة.',
      },
    },
    supplierSlugs: COFFEE_MEMBERS,
  },
  {
    slug: 'doi-highlands-medium-roast-250g',
    categorySlug: 'coffee',
    unit: 'pack',
    unitDecimals: 0,
    netWeightG: 250,
    gtin: '8854127038161',
    hsCode: '090121',
    attributes: { organic: false, fairTrade: true },
    priceMinor: 900,
    currency: 'USD',
    moq: 24,
    orderStep: 12,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: 'Doi Highlands medium roast, 250 g',
        description:
          'Whole-bean medium roast of washed highland arabica, roasted in Chiang Mai and packed in valve bags: milk chocolate, toasted almond and a clean, sweet finish. Ready for retail shelves.',
      },
      es: {
        name: 'Doi Highlands tueste medio, 250 g',
        description:
          'Café en grano de tueste medio, arábica lavado de altura tostado en Chiang Mai y envasado en bolsas con válvula: chocolate con leche, almendra tostada y un final limpio y dulce. Listo para el lineal.',
      },
      fr: {
        name: 'Doi Highlands torréfaction moyenne, 250 g',
        description:
          'Café en grains d’arabica lavé d’altitude, torréfaction moyenne, torréfié à Chiang Mai et conditionné en sachets à valve : chocolat au lait, amande grillée et une finale nette et sucrée. Prêt pour la mise en rayon.',
      },
      'zh-CN': {
        name: 'Doi Highlands 中度烘焙咖啡豆，250克',
        description:
          '高山水洗阿拉比卡中度烘焙咖啡豆，在清迈烘焙，以单向排气阀袋包装：牛奶巧克力、烤杏仁风味，尾韵干净甜美。可直接上架零售。',
      },
      'zh-TW': {
        name: 'Doi Highlands 中焙咖啡豆，250公克',
        description:
          '高山水洗阿拉比卡中焙原豆，在清邁烘焙，並以單向排氣閥袋包裝：牛奶巧克力、烤杏仁風味，尾韻乾淨甜美。可直接上架零售。',
      },
      ar: {
        name: 'دوي هايلاندز، تحميص متوسط، 250 غ',
        description:
          'حبوب بن كاملة بتحميص متوسط من أرابيكا المرتفعات المغسولة، محمّصة في تشيانغ ماي ومعبأة في أكياس بصمام: نكهات شوكولاتة الحليب واللوز المحمص وختام نقي وحلو. جاهزة للعرض على رفوف البيع بالتجزئة.',
      },
    },
    supplierSlugs: COFFEE_MEMBERS,
  },

  // --- Tea ----------------------------------------------------------------------------------
  {
    slug: 'mae-salong-jin-xuan-oolong',
    categorySlug: 'tea',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '090240',
    attributes: { organic: false, grade: 'Grade A' },
    priceMinor: 4500,
    currency: 'USD',
    moq: 2000,
    orderStep: 500,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: 'Mae Salong Jin Xuan oolong',
        description:
          'Tightly rolled, lightly oxidised oolong from the No. 12 cultivar, with a creamy, milky aroma and notes of orchid and sweet corn. Infuses five or six times.',
      },
      es: {
        name: 'Oolong Jin Xuan de Mae Salong',
        description:
          'Oolong de oxidación ligera y hoja bien enrollada, del cultivar n.º 12, con un aroma cremoso y lácteo y notas de orquídea y maíz dulce. Admite cinco o seis infusiones.',
      },
      fr: {
        name: 'Oolong Jin Xuan de Mae Salong',
        description:
          'Un oolong légèrement oxydé aux feuilles roulées serré, issu du cultivar n° 12, au parfum crémeux et lacté, avec des notes d’orchidée et de maïs doux. Se réinfuse cinq ou six fois.',
      },
      'zh-CN': {
        name: '美斯乐金萱乌龙茶',
        description: '以台茶12号金萱制成的轻发酵乌龙，球形紧结，带有浓郁的奶香与兰花、甜玉米香气，可冲泡五到六次。',
      },
      'zh-TW': {
        name: '美斯樂金萱烏龍茶',
        description: '以台茶12號金萱製成的輕發酵烏龍，球型緊結，散發濃郁奶香與蘭花、甜玉米香氣，可回沖五至六次。',
      },
      ar: {
        name: 'شاي أولونغ جين شوان من ماي سالونغ',
        description:
          'شاي أولونغ خفيف الأكسدة بأوراق ملفوفة بإحكام من الصنف رقم 12، برائحة كريمية حليبية ونفحات من الأوركيد والذرة الحلوة. يمكن نقعه خمس مرات أو ست.',
      },
    },
    supplierSlugs: ['mae-salong-tea'],
  },
  {
    slug: 'wild-assam-black-tea',
    categorySlug: 'tea',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '090240',
    attributes: { organic: true, grade: 'FOP' },
    priceMinor: 2600,
    currency: 'USD',
    moq: 5000,
    orderStep: 1000,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Wild Assam black tea',
        description:
          'Orthodox black tea from old, half-wild Assam tea trees in Akha and Yunnanese villages: malty, honeyed and never bitter, lovely with or without milk.',
      },
      es: {
        name: 'Té negro de Assam silvestre',
        description:
          'Té negro ortodoxo de viejos árboles de té Assam semisilvestres en aldeas akha y yunnanesas: malteado, con notas de miel y nada amargo, delicioso con o sin leche.',
      },
      fr: {
        name: 'Thé noir d’Assam sauvage',
        description:
          'Thé noir orthodoxe issu de vieux théiers d’Assam à demi sauvages, dans des villages akha et yunnanais : malté, mielleux et jamais amer, délicieux avec ou sans lait.',
      },
      'zh-CN': {
        name: '野生阿萨姆红茶',
        description:
          '采自阿卡族与云南人村寨中半野生的阿萨姆老茶树，以传统工艺制成的红茶：麦芽香浓、带蜂蜜甜，毫无苦涩，清饮或加奶皆宜。',
      },
      'zh-TW': {
        name: '野生阿薩姆紅茶',
        description:
          '採自阿卡族與雲南人村落中半野生的阿薩姆老茶樹，以傳統工法製成的紅茶：麥芽香濃、帶有蜜香，毫無苦澀，純飲或加奶皆宜。',
      },
      ar: {
        name: 'شاي أسود من أشجار آسام البرية',
        description:
          'شاي أسود مصنوع بالطريقة التقليدية من أشجار شاي آسام المعمّرة شبه البرية في قرى الأكا وقرى المنحدرين من يوننان: غني بنكهة المولت وحلاوة العسل ومن دون أي مرارة، لذيذ مع الحليب أو من دونه.',
      },
    },
    supplierSlugs: ['mae-salong-tea', 'pang-khon-akha-coffee'],
  },

  // --- Cacao & chocolate --------------------------------------------------------------------
  {
    slug: 'chiang-dao-cocoa-beans',
    categorySlug: 'cacao-chocolate',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '180100',
    attributes: { organic: true, grade: 'Fine flavour' },
    priceMinor: 780,
    currency: 'USD',
    moq: 25000,
    orderStep: 1000,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Chiang Dao fermented cocoa beans',
        description:
          'Six-day box-fermented, sun-dried Trinitario beans with a bright red-fruit acidity and deep cocoa notes, ideal for bean-to-bar makers.',
      },
      es: {
        name: 'Granos de cacao fermentados de Chiang Dao',
        description:
          'Granos trinitario fermentados seis días en cajones y secados al sol, con una viva acidez de frutos rojos y notas profundas de cacao; ideales para chocolateros bean-to-bar.',
      },
      fr: {
        name: 'Fèves de cacao fermentées de Chiang Dao',
        description:
          'Fèves trinitario fermentées six jours en caisses et séchées au soleil, à l’acidité vive de fruits rouges et aux notes profondes de cacao, idéales pour les chocolatiers bean-to-bar.',
      },
      'zh-CN': {
        name: '清道发酵可可豆',
        description:
          '特立尼达种可可豆经木箱发酵六天、日晒干燥，带有明亮的红色莓果酸质与浓郁的可可香，是“从豆到巧克力”（bean-to-bar）制作者的理想原料。',
      },
      'zh-TW': {
        name: '清道發酵可可豆',
        description:
          '千里達種可可豆經木箱發酵六天、日曬乾燥，帶有明亮的紅色莓果酸質與深沉的可可香，是「從可可豆到巧克力」（bean-to-bar）職人的理想原料。',
      },
      ar: {
        name: 'حبوب كاكاو مخمّرة من تشيانغ داو',
        description:
          'حبوب كاكاو من صنف ترينيتاريو خُمّرت ستة أيام في صناديق خشبية وجُفّفت تحت الشمس، بحموضة مشرقة تذكّر بالفواكه الحمراء ونكهات كاكاو عميقة، مثالية لصانعي الشوكولاتة من الحبة إلى اللوح.',
      },
    },
    supplierSlugs: ['chiang-dao-cacao'],
  },
  {
    slug: 'chiang-dao-cacao-paste',
    categorySlug: 'cacao-chocolate',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '180310',
    attributes: { organic: true },
    priceMinor: 1650,
    currency: 'USD',
    moq: 5000,
    orderStep: 1000,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Chiang Dao cacao paste, 100%',
        description:
          'Roasted Chiang Dao beans stone-ground into pure cacao mass, with no sugar or additives, in 1 kg blocks; it tastes of raspberry, roasted nuts and dark honey.',
      },
      es: {
        name: 'Pasta de cacao 100 % de Chiang Dao',
        description:
          'Granos de Chiang Dao tostados y molidos a la piedra hasta obtener masa de cacao pura, sin azúcar ni aditivos, en bloques de 1 kg; sabe a frambuesa, frutos secos tostados y miel oscura.',
      },
      fr: {
        name: 'Pâte de cacao 100 % de Chiang Dao',
        description:
          'Fèves de Chiang Dao torréfiées et broyées à la meule en une masse de cacao pure, sans sucre ni additif, en blocs de 1 kg ; notes de framboise, de fruits secs grillés et de miel foncé.',
      },
      'zh-CN': {
        name: '清道100%可可液块',
        description: '清道可可豆经烘焙后以石磨研磨成纯可可液块，不加糖、无添加，1公斤块装；带有覆盆子、烤坚果与深色蜂蜜的风味。',
      },
      'zh-TW': {
        name: '清道100%可可膏',
        description: '清道可可豆經烘焙後以石磨研磨成純可可膏，無糖、無添加，1公斤塊裝；帶有覆盆子、烘烤堅果與深色蜂蜜的風味。',
      },
      ar: {
        name: 'عجينة كاكاو 100% من تشيانغ داو',
        description:
          'حبوب من تشيانغ داو محمّصة ومطحونة بالحجر حتى تصبح كتلة كاكاو نقية بلا سكر ولا إضافات، في قوالب زنة 1 كغ؛ بنكهات توت العليق والمكسرات المحمصة والعسل الداكن.',
      },
    },
    supplierSlugs: ['chiang-dao-cacao'],
  },
  {
    slug: 'dark-chocolate-70-longan-honey-box',
    categorySlug: 'cacao-chocolate',
    unit: 'box',
    unitDecimals: 0,
    netWeightG: 840,
    hsCode: '180632',
    attributes: { organic: true },
    priceMinor: 2640,
    currency: 'USD',
    moq: 4,
    orderStep: 1,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: '70% dark chocolate with longan honey, box of 12',
        description:
          'Twelve 70 g bars of Chiang Dao cacao sweetened only with Pa Sang longan honey: smooth, fruity and with a gentle caramel finish.',
      },
      es: {
        name: 'Chocolate negro 70 % con miel de longan, caja de 12',
        description:
          'Doce tabletas de 70 g de cacao de Chiang Dao endulzado solo con miel de longan de Pa Sang: suave, afrutado y con un delicado final acaramelado.',
      },
      fr: {
        name: 'Chocolat noir 70 % au miel de longane, boîte de 12',
        description:
          'Douze tablettes de 70 g de cacao de Chiang Dao, sucrées uniquement au miel de longane de Pa Sang : onctueuses, fruitées, avec une douce finale caramélisée.',
      },
      'zh-CN': {
        name: '70%龙眼蜂蜜黑巧克力，12块装',
        description: '12块70克的巧克力，选用清道可可，只以巴桑龙眼蜂蜜增甜：口感顺滑、果香明亮，尾韵带淡淡的焦糖香。',
      },
      'zh-TW': {
        name: '70%龍眼蜂蜜黑巧克力，12片裝',
        description: '12片70公克的巧克力，採用清道可可，僅以巴桑龍眼蜜增添甜味：口感滑順、果香明亮，尾韻帶有淡淡的焦糖香。',
      },
      ar: {
        name: 'شوكولاتة داكنة 70% بعسل اللونجان، علبة من 12 لوحًا',
        description:
          'اثنا عشر لوحًا زنة كل منها 70 غ من كاكاو تشيانغ داو، مُحلّاة بعسل اللونجان من با سانغ وحده: ناعمة القوام، فاكهية النكهة، مع لمسة كراميل لطيفة في الختام.',
      },
    },
    supplierSlugs: ['chiang-dao-cacao', 'pa-sang-beekeepers'],
  },

  // --- Honey & bee products -----------------------------------------------------------------
  {
    slug: 'longan-honey-500g',
    categorySlug: 'honey-bee-products',
    unit: 'jar',
    unitDecimals: 0,
    netWeightG: 500,
    hsCode: '040900',
    attributes: { organic: false, grade: 'Grade A' },
    priceMinor: 800,
    currency: 'USD',
    moq: 12,
    orderStep: 6,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: 'Longan honey, 500 g jar',
        description:
          'Amber monofloral honey from the longan orchards of Lamphun, with notes of caramel, dried longan and a faint smokiness. Raw, unheated and strained just once.',
      },
      es: {
        name: 'Miel de longan, tarro de 500 g',
        description:
          'Miel monofloral ambarina de los huertos de longan de Lamphun, con notas de caramelo, longan seco y un leve toque ahumado. Cruda, sin calentar y colada una sola vez.',
      },
      fr: {
        name: 'Miel de longane, pot de 500 g',
        description:
          'Miel monofloral ambré des vergers de longaniers de Lamphun, aux notes de caramel et de longane séchée, avec une légère touche fumée. Cru, non chauffé et filtré une seule fois.',
      },
      'zh-CN': {
        name: '龙眼蜂蜜，500克瓶装',
        description: '来自南奔龙眼果园的琥珀色单花蜜，带有焦糖、桂圆干香气与淡淡的烟熏感。生蜜，未经加热，仅过滤一次。',
      },
      'zh-TW': {
        name: '龍眼蜜，500公克罐裝',
        description: '來自南奔龍眼園的琥珀色單一花種蜂蜜，帶有焦糖、桂圓乾香氣與淡淡的煙燻感。生蜜，未經加熱，僅過濾一次。',
      },
      ar: {
        name: 'عسل اللونجان، مرطبان 500 غ',
        description:
          'عسل أحادي الزهرة بلون كهرماني من بساتين اللونجان في لامفون، بنفحات من الكراميل واللونجان المجفف ولمسة دخانية خفيفة. عسل خام غير مسخّن، مصفّى مرة واحدة فقط.',
      },
    },
    supplierSlugs: ['pa-sang-beekeepers'],
  },
  {
    slug: 'wildflower-forest-honey-250g',
    categorySlug: 'honey-bee-products',
    unit: 'jar',
    unitDecimals: 0,
    netWeightG: 250,
    hsCode: '040900',
    attributes: { organic: false },
    priceMinor: 650,
    currency: 'USD',
    moq: 12,
    orderStep: 6,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Wildflower forest honey, 250 g jar',
        description:
          'Gathered from hives at the forest edge in the Mae Tha hills, a lively honey with floral, herbal and slightly tangy notes that changes with every season.',
      },
      es: {
        name: 'Miel de flores silvestres del bosque, tarro de 250 g',
        description:
          'Recogida en colmenas situadas al borde del bosque en las colinas de Mae Tha, es una miel viva, con notas florales, herbáceas y ligeramente ácidas, que cambia con cada estación.',
      },
      fr: {
        name: 'Miel de fleurs sauvages de la forêt, pot de 250 g',
        description:
          'Récolté dans des ruches installées en lisière de forêt dans les collines de Mae Tha, un miel vif aux notes florales, herbacées et légèrement acidulées, qui change à chaque saison.',
      },
      'zh-CN': {
        name: '森林百花蜜，250克瓶装',
        description: '采自湄塔丘陵森林边缘的蜂箱，风味活泼，带有花香、草本香和微微的酸甜，每一季都各不相同。',
      },
      'zh-TW': {
        name: '森林百花蜜，250公克罐裝',
        description: '採自湄塔丘陵森林邊緣的蜂箱，風味活潑，帶有花香、草本香氣與微微的酸甜，每一季都各有風貌。',
      },
      ar: {
        name: 'عسل زهور الغابة البرية، مرطبان 250 غ',
        description:
          'يُجنى من خلايا منصوبة عند أطراف الغابة في تلال ماي تا، وهو عسل حيوي بنفحات زهرية وعشبية وحموضة خفيفة، تتبدل نكهته مع كل موسم.',
      },
    },
    supplierSlugs: ['pa-sang-beekeepers'],
  },
  {
    slug: 'natural-beeswax-blocks',
    categorySlug: 'honey-bee-products',
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    hsCode: '152190',
    attributes: { organic: false },
    priceMinor: 1100,
    currency: 'USD',
    moq: 5000,
    orderStep: 1000,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Natural beeswax blocks',
        description:
          'Golden beeswax rendered from the cappings of our honey harvest, filtered and cast into 1 kg blocks for candles, cosmetics and wood care.',
      },
      es: {
        name: 'Cera de abeja natural en bloques',
        description:
          'Cera de abeja dorada obtenida de los opérculos de nuestra cosecha de miel, filtrada y moldeada en bloques de 1 kg para velas, cosmética y cuidado de la madera.',
      },
      fr: {
        name: 'Cire d’abeille naturelle en pains',
        description:
          'Cire d’abeille dorée issue des opercules de notre récolte de miel, filtrée et coulée en pains de 1 kg pour les bougies, les cosmétiques et l’entretien du bois.',
      },
      'zh-CN': {
        name: '天然蜂蜡块',
        description: '以采蜜时割下的蜂盖熬制的金黄色蜂蜡，经过滤后浇铸成1公斤的蜡块，适用于蜡烛、化妆品和木器保养。',
      },
      'zh-TW': {
        name: '天然蜂蠟塊',
        description: '以採蜜時割下的蜜蓋熬製的金黃色蜂蠟，經過濾後澆鑄成1公斤的蠟塊，適用於蠟燭、保養品與木器護理。',
      },
      ar: {
        name: 'شمع عسل طبيعي في قوالب',
        description:
          'شمع عسل ذهبي اللون يُستخلص من أغطية الأقراص في موسم جني العسل، يُصفّى ويُصبّ في قوالب زنة 1 كغ لصناعة الشموع ومستحضرات التجميل والعناية بالخشب.',
      },
    },
    supplierSlugs: ['pa-sang-beekeepers'],
  },

  // --- Textiles -----------------------------------------------------------------------------
  {
    slug: 'teen-jok-cotton-scarf',
    categorySlug: 'textiles',
    unit: 'piece',
    unitDecimals: 0,
    netWeightG: 180,
    hsCode: '621490',
    attributes: { fairTrade: true },
    priceMinor: 3500,
    currency: 'USD',
    moq: 5,
    orderStep: 1,
    status: 'active',
    featured: true,
    translations: {
      en: {
        name: 'Teen jok cotton scarf',
        description:
          'Hand-woven cotton scarf with teen jok patterned ends, dyed with indigo and lac; every piece is unique and signed by its weaver. About 180 × 50 cm.',
      },
      es: {
        name: 'Fular de algodón teen jok',
        description:
          'Fular de algodón tejido a mano, con los extremos labrados al estilo teen jok y teñido con índigo y laca; cada pieza es única y va firmada por su tejedora. Mide unos 180 × 50 cm.',
      },
      fr: {
        name: 'Écharpe en coton teen jok',
        description:
          'Écharpe en coton tissée à la main, aux extrémités ornées de motifs teen jok, teinte à l’indigo et à la laque ; chaque pièce est unique et signée par sa tisserande. Environ 180 × 50 cm.',
      },
      'zh-CN': {
        name: '亭卓纹样棉围巾',
        description:
          '手工织造的棉围巾，两端饰有亭卓纹样，以蓝靛和紫胶染色；每条都独一无二，并附有织女的签名。尺寸约180 × 50厘米。',
      },
      'zh-TW': {
        name: '亭卓紋樣棉圍巾',
        description:
          '手工織造的棉質圍巾，兩端飾有亭卓紋樣，以藍靛與紫膠染色；每條皆獨一無二，並附上織女的簽名。尺寸約180 × 50公分。',
      },
      ar: {
        name: 'وشاح قطني بزخارف تين جوك',
        description:
          'وشاح من القطن منسوج يدويًا، تزيّن طرفيه زخارف تين جوك، ومصبوغ بالنيلة واللكّ؛ كل قطعة فريدة وتحمل توقيع النسّاجة التي صنعتها. المقاس نحو 180 × 50 سم.',
      },
    },
    supplierSlugs: ['mae-chaem-weavers'],
  },
  {
    slug: 'handwoven-cotton-fabric-4m',
    categorySlug: 'textiles',
    unit: 'piece',
    unitDecimals: 0,
    netWeightG: 580,
    hsCode: '520842',
    attributes: { fairTrade: true },
    priceMinor: 4800,
    currency: 'USD',
    moq: 3,
    orderStep: 1,
    status: 'active',
    featured: false,
    translations: {
      en: {
        name: 'Hand-woven cotton fabric, 4 m length',
        description:
          'A 4-metre length of hand-spun, naturally dyed striped cotton, 90 cm wide, woven on foot-treadle looms in Mae Chaem; ideal for garments, cushions and table linen.',
      },
      es: {
        name: 'Tela de algodón tejida a mano, corte de 4 m',
        description:
          'Un corte de 4 metros de algodón a rayas, hilado a mano y teñido con tintes naturales, de 90 cm de ancho, tejido en telares de pedal en Mae Chaem; ideal para prendas, cojines y mantelería.',
      },
      fr: {
        name: 'Tissu de coton tissé main, coupon de 4 m',
        description:
          'Un coupon de 4 mètres de coton rayé, filé à la main et teint naturellement, de 90 cm de large, tissé sur des métiers à pédales à Mae Chaem ; idéal pour les vêtements, les coussins et le linge de table.',
      },
      'zh-CN': {
        name: '手织棉布，4米长',
        description: '一段长4米、宽90厘米的条纹棉布，采用手纺棉纱并以天然染料染色，在湄占用脚踏织机织成；适合制作服装、靠垫和桌布。',
      },
      'zh-TW': {
        name: '手織棉布，4公尺長',
        description: '一段長4公尺、寬90公分的條紋棉布，使用手紡棉紗並以天然染料染色，在湄占以腳踏織布機織成；適合製作衣物、抱枕與桌巾。',
      },
      ar: {
        name: 'قماش قطني منسوج يدويًا، قطعة بطول 4 أمتار',
        description:
          'قطعة بطول 4 أمتار وعرض 90 سم من القطن المخطط المغزول يدويًا والمصبوغ بأصباغ طبيعية، نُسجت على أنوال بدواسات في ماي تشايم؛ مثالية للملابس والوسائد ومفارش المائدة.',
      },
    },
    supplierSlugs: ['mae-chaem-weavers'],
  },
];
