export * from './actor.ts';
export * from './approval.ts';
export * from './audit.ts';
export * from './email.ts';
export * from './mission.ts';
export * from './search-attributes.ts';
export * from './session.ts';
export * from './staffing.ts';
