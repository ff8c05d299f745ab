/** The database's file name in the data folder (and in each backup). */
export const DATABASE_FILE = 'wasl.db';
