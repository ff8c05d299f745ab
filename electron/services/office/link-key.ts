/**
 * The desk's link to the office server, kept in the settings table under this key (the database is
 * encrypted; the desk's secret is never shown). A desk without one works alone.
 */
export const LINK_KEY = 'office.link';
