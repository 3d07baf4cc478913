/** The stream holding a case, its facts and its shares. */
export function caseStreamName(caseId: string): string {
  return `case-${caseId}`;
}
