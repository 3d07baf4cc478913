import { startApi } from '../support/api-harness';
it('sub over http', async () => {
  const api = await startApi({ logLevel: 'error' });
  try {
    const reg = await api.bootstrap();
    const r = await api.gql(await api.token(reg.officerId), 'subscription { clueReceived { id } }');
    console.log(JSON.stringify(r));
  } finally { await api.stop(); }
}, 60000);
