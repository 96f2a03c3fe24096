import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { isNotFound, odataString } from './graph-errors.js';
import { collectAllPages } from './paging.js';

export interface DirectoryUser {
  id: string;
  displayName: string;
  jobTitle?: string;
  mail?: string;
  department?: string;
  userPrincipalName?: string;
}

export interface DirectoryPort {
  getUser(id: string): Promise<DirectoryUser | undefined>;
  listUsers(): Promise<DirectoryUser[]>;
  getManager(id: string): Promise<DirectoryUser | undefined>;
  /** People whose name or address starts with `query` (case-insensitive), at most `limit`. */
  searchPeople(query: string, limit?: number): Promise<DirectoryUser[]>;
}

// `department` is not among Graph's default user properties, so always $select it.
const SELECT = 'id,displayName,jobTitle,mail,department,userPrincipalName';

const graphUser = z
  .object({
    id: z.string(),
    displayName: z.string().nullish(),
    jobTitle: z.string().nullish(),
    mail: z.string().nullish(),
    department: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
  })
  .transform((u): DirectoryUser => {
    const out: DirectoryUser = { id: u.id, displayName: u.displayName ?? u.userPrincipalName ?? u.id };
    if (u.jobTitle) out.jobTitle = u.jobTitle;
    if (u.mail) out.mail = u.mail;
    if (u.department) out.department = u.department;
    if (u.userPrincipalName) out.userPrincipalName = u.userPrincipalName;
    return out;
  });

// encodeURIComponent leaves dots alone: an id of dots alone is a path segment (/users/.. is the service root), never a person.
const isUserKey = (id: string) => !/^\.*$/.test(id);

export function createGraphDirectory(client: Client): DirectoryPort {
  const getOrUndefined = async (path: string): Promise<DirectoryUser | undefined> => {
    try {
      return graphUser.parse(await client.api(path).select(SELECT).get());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  return {
    getUser: (id) => (isUserKey(id) ? getOrUndefined(`/users/${encodeURIComponent(id)}`) : Promise.resolve(undefined)),
    getManager: (id) => (isUserKey(id) ? getOrUndefined(`/users/${encodeURIComponent(id)}/manager`) : Promise.resolve(undefined)),
    listUsers: () => collectAllPages(client, `/users?$select=${SELECT}&$top=999`, graphUser),
    searchPeople: async (query, limit = 10) => {
      const q = odataString(query.trim());
      if (q === "''") return [];
      // The SDK puts $filter into the URL as given, so encode it here.
      const filter = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName'].map((p) => `startswith(${p},${q})`).join(' or ');
      const body = z.object({ value: z.array(graphUser) }).parse(
        await client
          .api('/users')
          .select(SELECT)
          .filter(encodeURIComponent(filter))
          .top(Math.min(Math.max(limit, 1), 999))
          .get(),
      );
      return body.value;
    },
  };
}
