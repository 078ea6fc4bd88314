import type { DemoMember } from '#src/cli/demo/types.js';

// The six producers of the demo "Doi Highlands Alliance" in the northern Thai highlands.
// Areas and coordinates are decimal text (no floats); sites above 4 ha carry a closed GeoJSON ring.

export const DEMO_MEMBERS: DemoMember[] = [
  {
    member: {
      slug: 'doi-chang-coffee',
      name: 'Doi Chang Arabica Growers’ Cooperative',
      country: 'TH',
      region: 'Chiang Rai',
      locality: 'Ban Doi Chang, Mae Suai',
      status: 'active',
      story: {
        en: 'Forty-two Akha and Lisu families grow arabica on the slopes of Doi Chang, between 1,200 and 1,600 metres, in the shade of macadamia, plum and native forest trees. Cherries are hand-picked from November to February, pulped at the village wet mill the same afternoon, fermented for 36 hours and dried on raised beds. Most trees are Catimor and Typica, plus a young plot of Geisha planted in 2019.',
        es: 'Cuarenta y dos familias akha y lisu cultivan arábica en las laderas de Doi Chang, entre 1.200 y 1.600 metros, a la sombra de macadamias, ciruelos y árboles del bosque nativo. Las cerezas se recogen a mano de noviembre a febrero, se despulpan esa misma tarde en el beneficio húmedo del pueblo, fermentan 36 horas y se secan en camas elevadas. La mayoría de los cafetos son Catimor y Typica, además de una parcela joven de Geisha plantada en 2019.',
        fr: 'Quarante-deux familles akha et lisu cultivent l’arabica sur les pentes du Doi Chang, entre 1 200 et 1 600 mètres d’altitude, à l’ombre de macadamias, de pruniers et d’arbres de la forêt native. Les cerises sont cueillies à la main de novembre à février, dépulpées l’après-midi même à la station de lavage du village, fermentées 36 heures puis séchées sur des lits surélevés. La plupart des caféiers sont des Catimor et des Typica, auxquels s’ajoute une jeune parcelle de Geisha plantée en 2019.',
        'zh-CN': '四十二户阿卡族和傈僳族家庭在象山（Doi Chang）海拔1200至1600米的山坡上种植阿拉比卡咖啡，咖啡树生长在夏威夷果树、李树和原生林木的树荫下。咖啡果于11月至次年2月间人工采摘，当天下午便在村里的湿处理站脱去果肉，发酵36小时后在高架晾晒床上干燥。咖啡树以卡蒂姆（Catimor）和铁皮卡（Typica）为主，另有一小块2019年种下的瑰夏（Geisha）新园。',
        'zh-TW': '四十二戶阿卡族與傈僳族家庭在象山（Doi Chang）海拔1,200至1,600公尺的山坡上種植阿拉比卡咖啡，咖啡樹生長在夏威夷豆樹、李樹與原生林木的樹蔭下。咖啡果於11月至隔年2月間以人工採收，當天下午便在村裡的水洗處理場去除果肉，發酵36小時後，在架高的非洲棚架上乾燥。咖啡樹以卡蒂姆（Catimor）和鐵比卡（Typica）為主，另有一小塊2019年種下的藝伎（Geisha）新園。',
        ar: 'تزرع اثنتان وأربعون أسرة من شعبي الأكا والليسو بنّ الأرابيكا على منحدرات جبل دوي تشانغ، على ارتفاع يتراوح بين 1200 و1600 متر، في ظلال أشجار المكاديميا والبرقوق وأشجار الغابة المحلية. تُقطف الثمار يدويًا من نوفمبر إلى فبراير، وتُزال قشرتها في محطة المعالجة الرطبة بالقرية بعد ظهر اليوم نفسه، ثم تُخمَّر 36 ساعة وتُجفَّف على أسرّة مرتفعة. معظم الأشجار من صنفي كاتيمور وتيبيكا، إضافة إلى قطعة أرض فتية زُرعت بصنف غيشا عام 2019.',
      },
    },
    sites: [
      {
        name: 'Upper ridge plots, Doi Chang',
        country: 'TH',
        areaHa: '6.2',
        latitude: '19.817400',
        longitude: '99.558200',
        polygon:
          '{"type":"Polygon","coordinates":[[[99.559651,19.817642],[99.558805,19.818974],[99.557184,19.818207],[99.556677,19.816875],[99.557995,19.816300],[99.559385,19.816458],[99.559651,19.817642]]]}',
      },
      {
        name: 'Shade-grown garden below the village',
        country: 'TH',
        areaHa: '3.1',
        latitude: '19.811950',
        longitude: '99.552730',
      },
      {
        name: 'Village wet mill and drying beds',
        country: 'TH',
        areaHa: '0.35',
        latitude: '19.815280',
        longitude: '99.556010',
      },
    ],
    users: [
      { email: 'somchai@doichang-coffee.example', displayName: 'Somchai Jaiyen', locale: 'en' },
      { email: 'apinya@doichang-coffee.example', displayName: 'Apinya Saelee', locale: 'en' },
    ],
  },
  {
    member: {
      slug: 'pang-khon-akha-coffee',
      name: 'Pang Khon Akha Coffee Growers',
      country: 'TH',
      region: 'Chiang Rai',
      locality: 'Ban Pang Khon, Mueang Chiang Rai',
      status: 'active',
      story: {
        en: 'In Ban Pang Khon, 27 Akha families tend coffee as a forest garden at 1,100–1,300 metres, among old Assam tea trees, bananas and bamboo. Each family picks and float-sorts its own cherries; the group pulps them together and dries most lots as honey process, with the sticky mucilage left on the bean for 18 to 22 days on shaded beds. Their coffee is mostly Catimor with some Bourbon, and the group also plucks leaf from the old tea trees for black tea.',
        es: 'En Ban Pang Khon, 27 familias akha cultivan el café como un huerto forestal entre 1.100 y 1.300 metros, entre viejos árboles de té Assam, plataneros y bambú. Cada familia recoge y selecciona por flotación sus propias cerezas; el grupo las despulpa en común y seca la mayoría de los lotes en proceso honey, con el mucílago adherido al grano durante 18 a 22 días sobre camas a la sombra. Su café es sobre todo Catimor con algo de Bourbon, y el grupo también recoge hojas de los viejos árboles de té para elaborar té negro.',
        fr: 'À Ban Pang Khon, 27 familles akha cultivent le café en jardin forestier entre 1 100 et 1 300 mètres, au milieu de vieux théiers d’Assam, de bananiers et de bambous. Chaque famille cueille ses cerises et les trie par flottaison ; le groupe les dépulpe ensemble et sèche la plupart des lots selon le procédé « honey », le mucilage collant restant sur le grain pendant 18 à 22 jours sur des lits ombragés. Leur café est surtout du Catimor, avec un peu de Bourbon, et le groupe cueille aussi les feuilles des vieux théiers pour en faire du thé noir.',
        'zh-CN': '在邦孔村（Ban Pang Khon），27户阿卡族家庭在海拔1100至1300米的山林间以森林农园的方式种植咖啡，与古老的阿萨姆茶树、香蕉和竹子混种。各家自行采摘咖啡果并用水浮选，再由小组统一脱去果肉；大部分批次采用蜜处理，让黏稠的果胶留在豆子上，在遮阴的晾晒床上干燥18至22天。咖啡以卡蒂姆为主，也有少量波旁；小组还从老茶树上采摘鲜叶制作红茶。',
        'zh-TW': '在邦孔村（Ban Pang Khon），27戶阿卡族家庭在海拔1,100至1,300公尺的山林間，以森林農園的方式種植咖啡，與老阿薩姆茶樹、香蕉和竹子混植。各戶自行採收咖啡果並以水浮選，再由小組統一去除果肉；多數批次採用蜜處理，讓黏稠的果膠留在豆子上，在遮蔭的棚架上乾燥18至22天。咖啡以卡蒂姆為主，也有少量波旁；小組也會從老茶樹上採摘茶菁，製作紅茶。',
        ar: 'في قرية بان بانغ خون، تزرع سبع وعشرون أسرة من شعب الأكا البنّ على طريقة الحدائق الحرجية على ارتفاع يتراوح بين 1100 و1300 متر، بين أشجار شاي آسام المعمّرة وأشجار الموز والخيزران. تقطف كل أسرة ثمارها بنفسها وتفرزها بالتعويم في الماء، ثم تُزال القشرة جماعيًا، وتُجفَّف معظم الدفعات بطريقة المعالجة العسلية، إذ تبقى المادة الصمغية اللزجة على الحبوب مدة تتراوح بين 18 و22 يومًا على أسرّة مظللة. معظم البن من صنف كاتيمور مع قليل من البوربون، كما تقطف المجموعة أوراق أشجار الشاي المعمّرة لصنع الشاي الأسود.',
      },
    },
    sites: [
      {
        name: 'Forest-garden plots above Ban Pang Khon',
        country: 'TH',
        areaHa: '5.4',
        latitude: '19.855600',
        longitude: '99.637100',
        polygon:
          '{"type":"Polygon","coordinates":[[[99.638661,19.855600],[99.637322,19.856791],[99.635686,19.856373],[99.635995,19.854868],[99.637586,19.854337],[99.638661,19.855600]]]}',
      },
      {
        name: 'Shared pulpery and shaded drying beds',
        country: 'TH',
        areaHa: '0.12',
        latitude: '19.851840',
        longitude: '99.634470',
      },
    ],
    users: [{ email: 'piyawat@pangkhon-akha.example', displayName: 'Piyawat Chermue', locale: 'en' }],
  },
  {
    member: {
      slug: 'mae-salong-tea',
      name: 'Mae Salong Hillside Tea Garden',
      country: 'TH',
      region: 'Chiang Rai',
      locality: 'Santikhiri, Mae Fa Luang',
      status: 'active',
      story: {
        en: 'The garden was planted in 1987 by Yunnanese families who had settled on Doi Mae Salong, and today nine families work 13 hectares of terraces at about 1,200 metres. They grow Taiwanese cultivars, mainly Jin Xuan (No. 12) and Ruan Zhi (Qing Xin), hand-plucking one bud and two leaves in four harvests a year. The leaf is withered in the sun, tossed, rolled into tight pearls and roasted over charcoal in the garden’s own tea house.',
        es: 'Familias yunnanesas asentadas en Doi Mae Salong plantaron el jardín en 1987, y hoy nueve familias trabajan 13 hectáreas de terrazas a unos 1.200 metros. Cultivan variedades taiwanesas, sobre todo Jin Xuan (n.º 12) y Ruan Zhi (Qing Xin), y recogen a mano un brote y dos hojas en cuatro cosechas al año. La hoja se marchita al sol, se voltea, se enrolla en perlas compactas y se tuesta al carbón en la casa de té del propio jardín.',
        fr: 'Le jardin a été planté en 1987 par des familles yunnanaises installées sur le Doi Mae Salong ; aujourd’hui, neuf familles exploitent 13 hectares de terrasses vers 1 200 mètres. Elles cultivent des cultivars taïwanais, surtout le Jin Xuan (n° 12) et le Ruan Zhi (Qing Xin), et cueillent à la main un bourgeon et deux feuilles lors de quatre récoltes par an. Les feuilles sont flétries au soleil, brassées, roulées en perles serrées puis torréfiées au charbon de bois dans la maison de thé du jardin.',
        'zh-CN': '茶园由定居美斯乐（Doi Mae Salong）的云南人家庭于1987年开垦，如今九户人家在海拔约1200米处经营13公顷梯田茶园。茶树为台湾品种，以金萱（台茶12号）和软枝乌龙（青心乌龙）为主，每年分四季人工采摘一芽二叶。鲜叶经日光萎凋、摇青，再团揉成紧结的球状，最后在茶园自己的制茶房里用炭火焙制。',
        'zh-TW': '茶園由定居美斯樂（Doi Mae Salong）的雲南家庭於1987年開墾，如今九戶人家在海拔約1,200公尺處經營13公頃的梯田茶園。茶樹為台灣品種，以金萱（台茶12號）與軟枝烏龍（青心烏龍）為主，每年分四季以手工採摘一心二葉。茶菁經日光萎凋、浪菁，再團揉成緊結的球狀，最後在茶園自家的製茶廠以炭火焙火。',
        ar: 'غرست هذه الحديقةَ عام 1987 أسرٌ قادمة من مقاطعة يوننان الصينية استقرت على جبل دوي ماي سالونغ، واليوم تعمل تسع أسر في 13 هكتارًا من المدرجات على ارتفاع نحو 1200 متر. تُزرع فيها أصناف تايوانية، أبرزها جين شوان (رقم 12) وروان جي (تشينغ شين)، ويُقطف يدويًا برعم وورقتان في أربعة مواسم قطاف كل عام. تُذبَّل الأوراق تحت الشمس، ثم تُقلَّب وتُلفّ على شكل كريات محكمة، وتُحمَّص على الفحم في بيت الشاي الخاص بالحديقة.',
      },
    },
    sites: [
      {
        name: 'Terraced tea garden, Santikhiri',
        country: 'TH',
        areaHa: '12.75',
        latitude: '20.168300',
        longitude: '99.631900',
        polygon:
          '{"type":"Polygon","coordinates":[[[99.634416,20.168937],[99.632802,20.169776],[99.631215,20.170079],[99.629532,20.168695],[99.630805,20.167067],[99.632470,20.166288],[99.633548,20.167401],[99.634416,20.168937]]]}',
      },
      {
        name: 'Withering, rolling and roasting house',
        country: 'TH',
        areaHa: '0.15',
        latitude: '20.165920',
        longitude: '99.627480',
      },
    ],
    users: [{ email: 'chanya@maesalong-tea.example', displayName: 'Chanya Saeyang', locale: 'zh-TW' }],
  },
  {
    member: {
      slug: 'chiang-dao-cacao',
      name: 'Chiang Dao Cacao Farm',
      country: 'TH',
      region: 'Chiang Mai',
      locality: 'Chiang Dao',
      status: 'active',
      story: {
        en: 'Five and a half hectares of Trinitario cacao grow at 480 metres in the valley below Doi Chiang Dao, in the shade of rain trees, mango and longan. Four families work the farm: they open the pods the day they are cut, ferment the beans for six days in stacked teak boxes and sun-dry them for a week under a greenhouse roof. Part of each harvest is roasted and stone-ground on site into cacao paste and small batches of chocolate.',
        es: 'En el valle al pie del Doi Chiang Dao, a 480 metros, crecen cinco hectáreas y media de cacao trinitario a la sombra de samanes, mangos y longanes. Cuatro familias trabajan la finca: abren las mazorcas el mismo día de la cosecha, fermentan los granos seis días en cajones escalonados de teca y los secan al sol durante una semana bajo un techo de invernadero. Parte de cada cosecha se tuesta y se muele a la piedra en la finca para hacer pasta de cacao y pequeños lotes de chocolate.',
        fr: 'Dans la vallée au pied du Doi Chiang Dao, à 480 mètres, cinq hectares et demi de cacaoyers trinitario poussent à l’ombre d’arbres à pluie, de manguiers et de longaniers. Quatre familles travaillent la ferme : elles ouvrent les cabosses le jour même de la récolte, font fermenter les fèves six jours dans des caisses en teck étagées, puis les sèchent au soleil pendant une semaine sous une serre. Une partie de chaque récolte est torréfiée et broyée à la meule sur place pour produire de la pâte de cacao et de petites séries de chocolat.',
        'zh-CN': '在清道山（Doi Chiang Dao）脚下海拔480米的谷地里，5.5公顷特立尼达种（Trinitario）可可树生长在雨树、芒果树和龙眼树的树荫下。四户人家在农场劳作：可可果采下当天即剖开，可可豆在层叠的柚木箱中发酵六天，再在温室棚下晒干一周。每季收成中有一部分在农场内烘焙、石磨研磨，制成可可液块和小批量巧克力。',
        'zh-TW': '在清道山（Doi Chiang Dao）山腳下海拔480公尺的谷地中，5.5公頃的千里達種（Trinitario）可可樹生長在雨豆樹、芒果樹與龍眼樹的樹蔭下。四戶人家在農場工作：可可果採下當天即剖開，可可豆在層層堆疊的柚木箱中發酵六天，再於溫室棚下日曬乾燥一週。每季收成有一部分在農場內烘焙、石磨研磨，製成可可膏與小批量巧克力。',
        ar: 'في الوادي الممتد عند سفح جبل دوي تشيانغ داو، على ارتفاع 480 مترًا، تنمو خمسة هكتارات ونصف من أشجار الكاكاو من صنف ترينيتاريو في ظلال أشجار المطر والمانجو واللونجان. تعمل في المزرعة أربع أسر تفتح ثمار الكاكاو في يوم قطفها نفسه، وتخمّر الحبوب ستة أيام في صناديق متدرجة من خشب الساج، ثم تجففها تحت الشمس أسبوعًا كاملًا تحت سقف دفيئة. ويُحمَّص جزء من كل محصول ويُطحن بالحجر في المزرعة لصنع عجينة الكاكاو ودفعات صغيرة من الشوكولاتة.',
      },
    },
    sites: [
      {
        name: 'Cacao orchard under rain trees',
        country: 'TH',
        areaHa: '4.6',
        latitude: '19.342100',
        longitude: '98.981400',
        polygon:
          '{"type":"Polygon","coordinates":[[[98.982561,19.342737],[98.981144,19.343480],[98.980234,19.342397],[98.980321,19.341240],[98.982037,19.341052],[98.982561,19.342737]]]}',
      },
      {
        name: 'Young cacao and nursery plot',
        country: 'TH',
        areaHa: '0.85',
        latitude: '19.338640',
        longitude: '98.978950',
      },
      {
        name: 'Fermentary and solar dryer',
        country: 'TH',
        areaHa: '0.05',
        latitude: '19.341230',
        longitude: '98.983670',
      },
    ],
    users: [
      { email: 'kittisak@chiangdao-cacao.example', displayName: 'Kittisak Boonmee', locale: 'fr' },
      { email: 'malee@chiangdao-cacao.example', displayName: 'Malee Srisuk', locale: 'en' },
    ],
  },
  {
    member: {
      slug: 'pa-sang-beekeepers',
      name: 'Pa Sang Beekeepers’ Group',
      country: 'TH',
      region: 'Lamphun',
      locality: 'Pa Sang',
      status: 'active',
      story: {
        en: 'Thirty-one families in Pa Sang keep about 800 hives among the longan orchards that cover the lowlands of Lamphun. In February and March, when the longan blooms, they harvest a dark, caramel-scented monofloral honey; the rest of the year the hives move to the forest edge in the Mae Tha hills for wildflower honey. Honey is extracted without heat, strained once and rested in steel tanks, and the cappings are melted into blocks of beeswax.',
        es: 'Treinta y una familias de Pa Sang mantienen unas 800 colmenas entre los huertos de longan que cubren las tierras bajas de Lamphun. En febrero y marzo, cuando florece el longan, cosechan una miel monofloral oscura con aroma a caramelo; el resto del año las colmenas se trasladan al borde del bosque, en las colinas de Mae Tha, para producir miel de flores silvestres. La miel se extrae sin calor, se cuela una sola vez y reposa en tanques de acero, y los opérculos se funden en bloques de cera de abeja.',
        fr: 'À Pa Sang, trente et une familles entretiennent quelque 800 ruches au milieu des vergers de longaniers qui couvrent les plaines de Lamphun. En février et mars, lorsque le longanier fleurit, elles récoltent un miel monofloral sombre aux arômes de caramel ; le reste de l’année, les ruches partent en lisière de forêt, dans les collines de Mae Tha, pour un miel toutes fleurs. Le miel est extrait sans chauffage, filtré une seule fois et laissé reposer en cuves inox, et les opercules sont fondus en pains de cire d’abeille.',
        'zh-CN': '巴桑县（Pa Sang）的31户人家在覆盖南奔平原的龙眼果园中养着约800箱蜜蜂。每年2月至3月龙眼开花时，他们采收一种色泽深、带焦糖香气的龙眼单花蜜；其余时间，蜂箱会转移到湄塔（Mae Tha）丘陵的森林边缘，采集百花蜜。蜂蜜不经加热直接摇取，只过滤一次，再在不锈钢罐中静置，割下的蜂盖则熔铸成蜂蜡块。',
        'zh-TW': '巴桑縣（Pa Sang）的31戶人家在遍布南奔平原的龍眼園裡養了約800箱蜜蜂。每年2、3月龍眼開花時，他們採收色深、帶有焦糖香氣的龍眼單一花種蜂蜜；其餘時間，蜂箱會移往湄塔（Mae Tha）丘陵的森林邊緣，採收百花蜜。蜂蜜不經加熱直接搖取，只過濾一次，再於不鏽鋼桶中靜置，割下的蜜蓋則熔鑄成蜂蠟塊。',
        ar: 'تربّي إحدى وثلاثون أسرة في منطقة با سانغ نحو 800 خلية نحل بين بساتين اللونجان التي تغطي سهول لامفون. في فبراير ومارس، حين يزهر اللونجان، تجني الأسر عسلًا أحادي الزهرة داكن اللون بنكهة الكراميل؛ وفي بقية العام تُنقل الخلايا إلى أطراف الغابات في تلال ماي تا لإنتاج عسل الزهور البرية. يُستخرج العسل دون تسخين، ويُصفّى مرة واحدة ثم يُترك ليستقر في خزانات من الفولاذ المقاوم للصدأ، أما أغطية الأقراص الشمعية فتُذاب وتُصبّ في قوالب من شمع العسل.',
      },
    },
    sites: [
      {
        name: 'Apiary in the longan orchards, Pa Sang',
        country: 'TH',
        areaHa: '0.6',
        latitude: '18.503170',
        longitude: '98.921840',
      },
      {
        name: 'Forest-edge apiary, Mae Tha hills',
        country: 'TH',
        areaHa: '0.3',
        latitude: '18.452300',
        longitude: '99.071800',
      },
      {
        name: 'Extraction and bottling room',
        country: 'TH',
        areaHa: '0.04',
        latitude: '18.526410',
        longitude: '98.939260',
      },
    ],
    users: [{ email: 'prasert@pasang-honey.example', displayName: 'Prasert Inta', locale: 'en' }],
  },
  {
    member: {
      slug: 'mae-chaem-weavers',
      name: 'Mae Chaem Teen Jok Weavers',
      country: 'TH',
      region: 'Chiang Mai',
      locality: 'Tha Pha, Mae Chaem',
      status: 'active',
      story: {
        en: 'Eighteen Tai Yuan weavers in Mae Chaem keep alive the teen jok, the richly patterned hem of the traditional pha sin skirt, lifting each supplementary weft thread by hand with a porcupine quill. They spin part of their cotton from plants grown beside the workshop and dye with indigo, ebony fruit, lac and mango bark. A single teen jok hem can take a weaver three weeks at the loom.',
        es: 'En Mae Chaem, dieciocho tejedoras tai yuan mantienen vivo el teen jok, el dobladillo ricamente labrado de la falda tradicional pha sin, levantando a mano cada hilo de trama suplementaria con una púa de puercoespín. Hilan parte de su algodón con plantas cultivadas junto al taller y tiñen con índigo, fruto de ébano, laca y corteza de mango. Un solo dobladillo de teen jok puede ocupar a una tejedora tres semanas en el telar.',
        fr: 'À Mae Chaem, dix-huit tisserandes tai yuan font vivre le teen jok, la bordure richement ornée de la jupe traditionnelle pha sin, en soulevant à la main chaque fil de trame supplémentaire avec un piquant de porc-épic. Elles filent une partie de leur coton à partir de plants cultivés à côté de l’atelier et teignent à l’indigo, au fruit d’ébénier, à la laque et à l’écorce de manguier. Une seule bordure de teen jok peut demander trois semaines de travail au métier.',
        'zh-CN': '湄占（Mae Chaem）的18位泰阮族织女传承着“亭卓”（teen jok）——传统筒裙“帕辛”（pha sin）上纹样繁复的裙摆，她们用一根豪猪刺逐一手工挑起挑花用的补充纬线。部分棉线取自工坊旁种植的棉花，由她们亲手纺成，并以蓝靛、乌木果、紫胶和芒果树皮染色。织好一条亭卓裙摆，往往要在织机前花上三个星期。',
        'zh-TW': '湄占（Mae Chaem）的18位泰阮族織女，傳承著「亭卓」（teen jok）——傳統筒裙「帕辛」（pha sin）上紋樣繁複的裙襬，她們以一根豪豬刺，用手逐一挑起挑花用的補充緯線。部分棉線來自工坊旁自種的棉花，由她們親手紡成，再以藍靛、烏木果、紫膠與芒果樹皮染色。一條亭卓裙襬，往往要在織布機前花上三個星期。',
        ar: 'في ماي تشايم، تحافظ ثماني عشرة نسّاجة من شعب التاي يوان على فن «تين جوك»، وهو الحاشية الغنية بالزخارف لتنورة «فا سين» التقليدية، إذ ترفع النسّاجة كل خيط من خيوط اللُّحمة الإضافية يدويًا بشوكة نيص. يغزلن جزءًا من قطنهن من نباتات مزروعة بجوار الورشة، ويصبغنه بالنيلة وثمار الأبنوس واللكّ ولحاء شجر المانجو. وقد تستغرق حاشية واحدة من «تين جوك» ثلاثة أسابيع من العمل على النول.',
      },
    },
    sites: [
      {
        name: 'Weaving workshop, Ban Tha Pha',
        country: 'TH',
        areaHa: '0.08',
        latitude: '18.498610',
        longitude: '98.361940',
      },
      {
        name: 'Cotton and indigo garden',
        country: 'TH',
        areaHa: '0.4',
        latitude: '18.512380',
        longitude: '98.352710',
      },
    ],
    users: [
      { email: 'buakham@maechaem-weavers.example', displayName: 'Buakham Thepsuwan', locale: 'en' },
      { email: 'orathai@maechaem-weavers.example', displayName: 'Orathai Kanthawong', locale: 'en' },
    ],
  },
];
