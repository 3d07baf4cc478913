/** The stream holding a clue and every recipient's lifecycle of it. */
export function clueStreamName(clueId: string): string {
  return `clue-${clueId}`;
}
