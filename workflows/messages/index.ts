export * from './actor.ts';
export * from './audit.ts';
export * from './email.ts';
export * from './mission.ts';
export * from './search-attributes.ts';
export * from './session.ts';
