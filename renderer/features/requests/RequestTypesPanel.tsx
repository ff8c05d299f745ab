/** The request catalog: names, whether an authority is needed, the target in working days. */
export function RequestTypesPanel() {
  return null;
}
