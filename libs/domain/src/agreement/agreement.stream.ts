/** The stream holding a sharing agreement. */
export function agreementStreamName(agreementId: string): string {
  return `agreement-${agreementId}`;
}
