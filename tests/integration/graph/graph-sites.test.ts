import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAFEGUARDING_SITE_ID, STAFF_ROOM_SITE_ID } from '../../../tools/m365-emulator/src/index.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('emulator Graph sites', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startEmulatorFixture();
  });
  afterEach(async () => {
    await f.stop();
  });

  it('finds a granted site by path, and answers 403 accessDenied for one not granted (Sites.Selected)', async () => {
    const token = await f.appToken();
    const get = async (path: string) => {
      const res = await f.fetch(path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get('/v1.0/sites/oakfield.sharepoint.example:/sites/safeguarding')).toMatchObject({
      status: 200,
      body: { id: SAFEGUARDING_SITE_ID, displayName: 'Safeguarding Team' },
    });
    expect(await get('/v1.0/sites/oakfield.sharepoint.example:/sites/staffroom')).toMatchObject({ status: 403, body: { error: { code: 'accessDenied' } } });
    expect(await get(`/v1.0/sites/${encodeURIComponent(STAFF_ROOM_SITE_ID)}/lists`)).toMatchObject({ status: 403 });
  });
});
