import { isUUID } from 'class-validator';
import { deriveId } from './derive-id';

describe('deriveId', () => {
  const commandId = '6f1d2b7c-4e11-4c1e-9a0e-0b8f1c9e3a52';
  it('is a stable UUID per command id and purpose', () => {
    expect(deriveId(commandId, 'case')).toBe(deriveId(commandId, 'case'));
    expect(isUUID(deriveId(commandId, 'case'))).toBe(true);
    expect(deriveId(commandId, 'case')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('differs across purposes and command ids', () => {
    const ids = new Set([deriveId(commandId, 'case'), deriveId(commandId, 'fact'), deriveId(commandId, 'clue'), deriveId('7f1d2b7c-4e11-4c1e-9a0e-0b8f1c9e3a52', 'case')]);
    expect(ids.size).toBe(4);
  });
});
