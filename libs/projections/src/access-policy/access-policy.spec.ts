import {
  ALWAYS,
  agreementLetsDataFlow,
  caseCategoriesFor,
  clueCategoriesFor,
  isAgreementInForce,
  isFactVisibleUnder,
  isPersonalField,
  isWithinValidity,
  redactPersonalFields,
  viewField,
} from './access-policy';

const agreement = { status: 'ACTIVE' as const, categories: ['VICTIM_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE'] as const, maxTlp: 'AMBER' as const, validFrom: '2025-01-01', validUntil: '2025-12-31' };

describe('agreement in force', () => {
  it('needs ACTIVE and today within the inclusive validity window', () => {
    expect(isAgreementInForce({ ...agreement, categories: [...agreement.categories] }, '2025-01-01')).toBe(true);
    expect(isAgreementInForce({ ...agreement, categories: [...agreement.categories] }, '2025-12-31')).toBe(true);
    expect(isAgreementInForce({ ...agreement, categories: [...agreement.categories] }, '2024-12-31')).toBe(false);
    expect(isAgreementInForce({ ...agreement, categories: [...agreement.categories] }, '2026-01-01')).toBe(false);
    for (const status of ['PROPOSED', 'SUSPENDED', 'TERMINATED'] as const) {
      expect(isAgreementInForce({ ...agreement, categories: [...agreement.categories], status }, '2025-06-01')).toBe(false);
      expect(agreementLetsDataFlow({ status })).toBe(false);
    }
  });

  it('treats null bounds as open (owner and sender rows)', () => {
    expect(isWithinValidity(ALWAYS, '1999-01-01')).toBe(true);
    expect(isWithinValidity({ validFrom: '2025-02-01', validUntil: null }, '2025-01-31')).toBe(false);
    expect(isWithinValidity({ validFrom: null, validUntil: '2025-02-01' }, '2025-02-02')).toBe(false);
  });
});

describe('fact visibility by TLP', () => {
  it('shows facts up to the agreement maxTlp rank', () => {
    expect(isFactVisibleUnder('CLEAR', agreement)).toBe(true);
    expect(isFactVisibleUnder('AMBER', agreement)).toBe(true);
    expect(isFactVisibleUnder('AMBER_STRICT', agreement)).toBe(false);
    expect(isFactVisibleUnder('RED', agreement)).toBe(false);
  });
});

describe('allowed categories', () => {
  it('is share ∩ agreement ∩ mandates for cases', () => {
    expect(caseCategoriesFor(['VICTIM_IDENTITY', 'FINANCIAL', 'LOCATION'], { categories: [...agreement.categories] }, ['FINANCIAL', 'LOCATION', 'VICTIM_IDENTITY'])).toEqual([
      'VICTIM_IDENTITY',
      'FINANCIAL',
    ]);
    expect(caseCategoriesFor(['VICTIM_IDENTITY', 'FINANCIAL'], { categories: [...agreement.categories] }, ['FINANCIAL'])).toEqual(['FINANCIAL']);
  });
  it('is agreement ∩ mandates for clues', () => {
    expect(clueCategoriesFor({ categories: [...agreement.categories] }, ['TRAVEL_ROUTE', 'SUSPECT_IDENTITY'])).toEqual(['TRAVEL_ROUTE']);
  });
});

describe('redaction', () => {
  it('recognises personal fields only by their exact shape and a known category', () => {
    expect(isPersonalField({ category: 'FINANCIAL', value: 'DE89' })).toBe(true);
    expect(isPersonalField({ category: 'FINANCIAL', value: ['a'] })).toBe(true);
    expect(isPersonalField({ category: 'SHOE_SIZE', value: '42' })).toBe(false);
    expect(isPersonalField({ category: 'FINANCIAL', value: 'x', extra: 1 })).toBe(false);
    expect(isPersonalField('FINANCIAL')).toBe(false);
  });

  it('keeps allowed fields, withholds the value of others and says they are redacted', () => {
    const allowed = new Set(['FINANCIAL'] as const);
    expect(viewField({ category: 'FINANCIAL', value: 'DE89' }, allowed)).toEqual({ category: 'FINANCIAL', value: 'DE89', redacted: false });
    const hidden = viewField({ category: 'VICTIM_IDENTITY', value: 'Li Na' }, allowed);
    expect(hidden).toEqual({ category: 'VICTIM_IDENTITY', redacted: true });
    expect('value' in hidden).toBe(false);
  });

  it('redacts personal fields at any depth and copies everything else', () => {
    const fact = {
      role: 'VICTIM',
      fullName: { category: 'VICTIM_IDENTITY', value: 'Li Na' },
      phoneNumber: { category: 'COMMUNICATIONS', value: '+33 6' },
      nested: { list: [{ category: 'LOCATION', value: 'Paris' }] },
      transit: { category: 'TRAVEL_ROUTE', value: ['RU', 'RS'] },
      amount: 10,
    };
    const redacted = redactPersonalFields(fact, new Set(['COMMUNICATIONS', 'TRAVEL_ROUTE'] as const));
    expect(redacted).toEqual({
      role: 'VICTIM',
      fullName: { category: 'VICTIM_IDENTITY', redacted: true },
      phoneNumber: { category: 'COMMUNICATIONS', value: '+33 6', redacted: false },
      nested: { list: [{ category: 'LOCATION', redacted: true }] },
      transit: { category: 'TRAVEL_ROUTE', value: ['RU', 'RS'], redacted: false },
      amount: 10,
    });
    expect(JSON.stringify(redacted)).not.toContain('Li Na');
    expect(JSON.stringify(redacted)).not.toContain('Paris');
    expect(fact.fullName).toEqual({ category: 'VICTIM_IDENTITY', value: 'Li Na' });
  });

  it('shows everything for ALL', () => {
    expect(redactPersonalFields({ a: { category: 'LOCATION', value: 'x' } }, 'ALL')).toEqual({ a: { category: 'LOCATION', value: 'x', redacted: false } });
  });
});
