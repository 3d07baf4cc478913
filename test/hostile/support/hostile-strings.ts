/**
 * Text that breaks naive systems: Unicode edge cases, and strings that would be executed by a
 * system that pasted input into SQL, JSON, HTML, file paths, templates or logs. The ledger must
 * store each verbatim and return it unchanged, or refuse it cleanly naming the field.
 */
export const UNICODE_EDGE_CASES: ReadonlyArray<[string, string]> = [
  ['lone high surrogate', 'Li\ud800Wei'],
  ['lone low surrogate', '\udc00Wang'],
  ['surrogates reversed', 'x\udc00\ud800y'],
  ['right-to-left override', 'invoice\u202eexe.pdf'],
  ['isolates', 'Zhou \u2067Hong\u2069 \u2066Li\u2069'],
  ['zero-width characters', 'Zh\u200bang\u200c We\u200di\ufeff'],
  ['4-byte emoji and symbols', '🧑‍🤝‍🧑 👩🏽‍⚖️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀋'],
  ['NUL inside', 'Ana\u0000Popescu'],
  ['NUL only', '\u0000'],
  ['combining marks', 'Z̴̡̛a̷l̸g̶o̴ ñ ñ'],
  ['control characters and terminal escapes', 'red\u0007\u001b[31m alert\u001b[0m\r\n\tend'],
  ['byte order mark only', '\ufeff'],
  ['noncharacters', 'x\uffff\ufffey'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['mixed scripts', 'Đặng Thu Trang 王芳 Олена Коваль'],
];

export const INJECTION_STRINGS: ReadonlyArray<[string, string]> = [
  ['SQL: drop table', "Robert'); DROP TABLE ledger_events; --"],
  ['SQL: tautology', "x' OR '1'='1"],
  ['SQL: LIKE wildcards', '%_%\\'],
  ['JSON: operator object', '{"$ne": null}'],
  ['JSON: breaking out of a document', '"},"data":{"officerId":"admin"},"x":{"'],
  ['HTML: script', '<script>alert(document.cookie)</script>'],
  ['HTML: event handler', '"><img src=x onerror=alert(1)>'],
  ['URL: javascript scheme', 'javascript:alert(1)'],
  ['path traversal', '../../../../etc/passwd'],
  ['path traversal, encoded and Windows', '..%2f..%2f..\\..\\windows\\win.ini'],
  ['template and prototype keys', '${7*7} {{7*7}} #{7*7} __proto__ constructor'],
  ['log line forgery', 'ok\n{"level":60,"msg":"forged entry"}'],
  ['spreadsheet formula', "=cmd|' /C calc'!A0"],
];

export const HOSTILE_STRINGS: ReadonlyArray<[string, string]> = [...UNICODE_EDGE_CASES, ...INJECTION_STRINGS];
