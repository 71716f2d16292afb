/**
 * Words that say little about which organisation a name means. Written naturally here; nameTokens.ts
 * folds them exactly as it folds names, so Arabic and Chinese entries may be typed in any form.
 *
 * Concepts pair the same word across languages ("bank" = "banque" = "بنك" = 银行), as OpenSanctions
 * does before comparing: once paired, a word is counted as common in every language at once.
 */
export const conceptWords: Record<string, string[]> = {
  bank: ['bank', 'banque', 'banco', 'banca', 'bankhaus', 'بنك', 'مصرف', '银行'],
  banking: ['banking', 'bancaire', 'مصرفية'],
  insurance: ['insurance', 'assurance', 'assurances', 'versicherung', 'seguros', 'تأمين', 'للتأمين', '保险'],
  group: ['group', 'groupe', 'gruppe', 'grupo', 'مجموعة', '集团'],
  holdings: ['holding', 'holdings', 'القابضة', '控股'],
  international: ['international', 'intl', 'internacional', 'internationale', 'دولي', 'الدولية', '国际'],
  company: ['company', 'compagnie', 'gesellschaft', 'شركة', '公司'],
  airline: ['airline', 'airlines', 'airways', 'طيران', 'للطيران', '航空'],
  trading: ['trading', 'trade', 'handel', 'تجارة', 'للتجارة', '贸易'],
  national: ['national', 'nationale', 'nacional', 'الوطني', 'الوطنية', '国家'],
  commercial: ['commercial', 'commerciale', 'التجاري', '商业'],
  islamic: ['islamic', 'islamique', 'الإسلامي'],
  technology: ['technology', 'technologies', 'tech', 'technologie', 'تكنولوجيز', 'تكنولوجيا', '科技', '技术'],
  electronics: ['electronics', 'electronic', 'إلكترونيات', 'للإلكترونيات', '电子'],
  motor: ['motor', 'motors', 'automobile', 'automotive', 'سيارات', '汽车'],
  properties: ['properties', 'property', 'realty', 'immobilier', 'immobilien', 'العقارية', '地产', '置业'],
  energy: ['energy', 'energies', 'energie', 'énergie', 'طاقة', '能源'],
  oil: ['oil', 'petroleum', 'pétrole', 'بترول', 'نفط', '石油'],
  logistics: ['logistics', 'logistik', 'logistique', 'لوجستية', '物流'],
  investment: ['investment', 'investments', 'invest', 'استثمار', '投资'],
  services: ['service', 'services', 'dienstleistungen', 'خدمات', '服务'],
  development: ['development', 'développement', 'تطوير', '发展'],
  telecommunications: ['telecommunications', 'telecom', 'telecoms', 'communications', 'اتصالات', '电信', '通信'],
  first: ['first', '1st', 'premier', 'première', 'erste', 'الأول'],
  second: ['second', '2nd', 'الثاني'],
  third: ['third', '3rd', 'الثالث'],
  hongkong: ['hongkong', 'hong kong', 'هونغ كونغ', '香港'],
  middleeast: ['middle east', 'الشرق الأوسط', '中东'],
  unitedkingdom: ['united kingdom', 'uk', 'great britain', 'المملكة المتحدة', '英国'],
  abudhabi: ['abu dhabi', 'abudhabi', 'أبوظبي', 'أبو ظبي', '阿布扎比'],
  realestate: ['real estate'],
  branch: ['branch', 'succursale', 'niederlassung', 'zweigniederlassung', 'sucursal', 'فرع', '分行'],
  brothers: ['brothers', 'bros', 'frères', 'gebrüder', 'إخوان', '兄弟'],
  china: ['china', 'chine', 'الصين', '中国'],
  emirates: ['emirates', 'émirats', 'الإمارات'],
};

/** Common words of organisation names with no cross-language pair worth keeping. */
export const genericWords: string[] = [
  'capital', 'finance', 'financial', 'securities', 'management', 'systems', 'global', 'partners', 'enterprises',
  'industries', 'industrial', 'industry', 'manufacturing', 'solutions', 'construction', 'engineering', 'consulting',
  'corporate', 'corp', 'general', 'united', 'union', 'new', 'royal', 'overseas', 'pacific', 'asia', 'asian',
  'operations', 'products', 'resources', 'foods', 'food', 'power', 'electric', 'steel', 'chemical', 'chemicals',
  'pharmaceutical', 'pharma', 'health', 'healthcare', 'hospital', 'medical', 'university', 'college', 'school',
  'authority', 'ministry', 'department', 'government', 'council', 'agency', 'office', 'bureau', 'airport',
  'port', 'ports', 'shipping', 'marine', 'railway', 'railways', 'transport', 'mobile', 'life', 'trust', 'fund',
  'estate', 'land', 'home', 'homes', 'world', 'state', 'people', 'peoples', 'public', 'central', 'commerce',
  'branch', 'agricultural', 'agriculture', 'merchants', 'savings', 'credit', 'stores', 'retail', 'restaurant',
  'hotel', 'hotels', 'media', 'software', 'digital', 'network', 'networks', 'data', 'consumer', 'brothers',
  'sons', 'partner', 'associates', 'co', 'corporation', 'incorporated', 'limited', 'company', 'plc', 'ltd', 'inc', 'mining', 'metals', 'gas', 'water', 'electricity', 'petrochemical',
  'خليج', 'مؤسسة', 'المحدودة', 'المحدود', 'هيئة', 'مستشفى', 'جامعة', 'حكومة', 'وزارة', 'للاستثمار', 'العالمية', 'المتحدة',
  '实业', '建设', '建筑', '工程', '工商', '农业', '人寿', '管理', '移动', '人民', '金融', '证券', '资本',
  '基金', '医院', '大学', '政府', '分行', '中心', '机场', '铁路', '港务', '环球', '全球', '有限', '股份',
  '责任', '总公', '分公', '企业', '开发', '电力', '化工', '医药', '健康', '食品', '酒店', '餐厅', '地铁',
];

/** Places: a name that differs from another only by one of these is a sibling or branch, not a twin. */
export const placeWords: string[] = [
  'china', 'chinese', 'hongkong', 'hong', 'kong', 'shanghai', 'beijing', 'shenzhen', 'guangzhou', 'macau', 'taiwan',
  'singapore', 'asia', 'europe', 'european', 'middleeast', 'gulf', 'arabia', 'arabian', 'saudi', 'emirates',
  'uae', 'dubai', 'abudhabi', 'sharjah', 'qatar', 'uk', 'united kingdom', 'britain', 'british', 'england',
  'london', 'scotland', 'france', 'french', 'paris', 'germany', 'deutschland', 'frankfurt', 'munich', 'america',
  'usa', 'us', 'americas', 'japan', 'korea', 'india', 'australia', 'switzerland', 'schweiz', 'suisse', 'ireland',
  'netherlands', 'nederland', 'spain', 'mexico', 'chile', 'canada', 'malaysia', 'indonesia', 'thailand', 'vietnam',
  // Compass words qualify a place ("East Asia", "Middle East"); a dictionary gloss of 東亞 is only "east asia".
  'east', 'west', 'north', 'south', 'eastern', 'western', 'northern', 'southern', 'unitedkingdom',
  'الإمارات', 'دبي', 'الشارقة', 'السعودية', 'الصين', 'سنغافورة', 'بريطانيا', 'فرنسا', 'ألمانيا', 'الخليج',
  '上海', '北京', '深圳', '广州', '新加', '加坡', '亚洲', '欧洲', '英国', '法国', '德国', '迪拜', '阿联', '联酋',
  '日本', '美国', '澳门', '台湾', '沙特', '马来', '亚太',
];

/** Function words dropped before comparing. */
export const stopWords: string[] = [
  'the', 'of', 'and', 'for', 'a', 'an', 'in', 'at', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'der', 'die',
  // Legal-form words left in the middle of a name ("Microsoft Corp. (Europe)") say nothing either.
  'corp', 'corporation', 'incorporated', 'inc', 'limited', 'ltd', 'plc', 'llc', 'llp', 'lp', 'co', 'company',
  'das', 'und', 'für', 'von', 'el', 'y', 'del', 'و', 'في', 'لل', 's',
  // "and" spelt out in Arabic script inside foreign brands (جونسون آند جونسون Johnson & Johnson).
  'آند', 'أند',
];
