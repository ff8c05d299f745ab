/** The letters calls. */
export const lettersCalls = {};
