/**
 * The nationalities the desk records (ISO 3166 codes), those seen most at the desk first. Names
 * come from Intl in the officer's language. A code outside this list is refused.
 */
export const NATIONALITIES = [
  'SA', 'YE', 'EG', 'SY', 'JO', 'SD', 'PK', 'IN', 'BD', 'PH', 'ID', 'NP', 'LK', 'ET', 'SO', 'ER', 'TD', 'NG',
  'PS', 'LB', 'IQ', 'KW', 'BH', 'QA', 'AE', 'OM', 'MA', 'DZ', 'TN', 'LY', 'MR', 'AF', 'TR', 'IR', 'MM', 'KE',
  'UG', 'ML', 'NE', 'SN', 'GH', 'CM', 'TZ', 'KM', 'DJ', 'US', 'GB',
] as const;
