/** The authorities letters are sent to and received from. */
export function AuthoritiesPanel() {
  return null;
}
