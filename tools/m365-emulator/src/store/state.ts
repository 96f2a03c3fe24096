import { DEMO_USERS } from '../seed/demo-school.js';
import { DurableCollection } from './durable-collection.js';

export interface UserRecord {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  department: string;
  mail: string;
  userPrincipalName: string;
  managerId?: string;
}

export interface EmulatorState {
  users: DurableCollection<UserRecord>;
  flush(): Promise<void>;
}

export async function openState(dataDir: string): Promise<EmulatorState> {
  const users = await DurableCollection.open<UserRecord>(dataDir, 'users', () =>
    DEMO_USERS.map((u): [string, UserRecord] => {
      const { role: _role, ...record } = u;
      return [u.id, record];
    }),
  );
  const all = [users];
  return {
    users,
    flush: async () => {
      await Promise.all(all.map((c) => c.flush()));
    },
  };
}
