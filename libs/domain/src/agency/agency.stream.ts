/** The stream holding an agency, its mandates and its officers. */
export function agencyStreamName(agencyId: string): string {
  return `agency-${agencyId}`;
}
