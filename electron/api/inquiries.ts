/** The inquiries calls. */
export const inquiriesCalls = {};
