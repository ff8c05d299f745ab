/** The complaints calls. */
export const complaintsCalls = {};
