/** Holidays: days off besides Friday and Saturday. */
export function HolidaysPanel() {
  return null;
}
