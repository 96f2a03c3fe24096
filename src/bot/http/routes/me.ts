import { operation, type Operation } from '../api/operation.js';
import { meResponse } from '../api/schemas.js';
import { reply } from './reply.js';

export const meOperations: Operation[] = [
  operation({
    operationId: 'getMe',
    method: 'get',
    path: '/me',
    summary: 'The signed-in person, as the directory knows them, with their app roles.',
    access: 'Any signed-in member of staff.',
    success: { status: 200, description: 'You.', schema: meResponse },
    handle: async ({ caller, useCases }) => reply(await useCases.getMe({ caller })),
  }),
];
