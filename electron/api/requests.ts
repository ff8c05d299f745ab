/** The requests calls. */
export const requestsCalls = {};
