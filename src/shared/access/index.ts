export { APP_ROLES, APP_ROLE_DESCRIPTIONS, isAppRole, type AppRole, type Caller } from './app-roles.js';
export { canManageSchedule, canSeeEveryone, canReadSchoolYear, canSeeArrangement, canPostponeSession, canCancelSession, isParty, type Decision } from './authorise.js';
