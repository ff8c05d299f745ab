/** Service-time targets for complaints, notes and suggestions, in working days. */
export function ComplaintTargetsPanel() {
  return null;
}
