// SharePoint sites of the fictional demo school. The app is granted `write` on the safeguarding
// site only (Sites.Selected); the staff-room site exists so tests can prove least privilege.
import { LOCAL_CLIENT_ID } from '../config.js';

export const DEMO_SP_HOST = 'oakfield.sharepoint.example';
export const SAFEGUARDING_SITE_ID = `${DEMO_SP_HOST},5f0c9a2e-4d1b-4c8e-9a3f-1b2c3d4e5f60,8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c20`;
export const STAFF_ROOM_SITE_ID = `${DEMO_SP_HOST},6e1d8b3f-5c2a-4d9f-8b4e-2c3d4e5f6a70,9b8c7d6e-5f4a-4b2c-8d9e-8f7a6b5c4d30`;

export interface DemoSite {
  id: string;
  name: string;
  displayName: string;
  path: string;
  grants: { appId: string; roles: ('read' | 'write')[] }[];
}

export const DEMO_SITES: readonly DemoSite[] = [
  { id: SAFEGUARDING_SITE_ID, name: 'safeguarding', displayName: 'Safeguarding Team', path: '/sites/safeguarding', grants: [{ appId: LOCAL_CLIENT_ID, roles: ['write'] }] },
  { id: STAFF_ROOM_SITE_ID, name: 'staffroom', displayName: 'Staff Room', path: '/sites/staffroom', grants: [] },
];
