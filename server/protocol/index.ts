/** The wire's single source of truth: constants, schemas, event maps, workflow rules. */
export * from './constants';
export * from './schemas';
export * from './events';
export * from './case';
export * from './case-types';
export * from './case-workflow';
export * from './admin';
export * from './opening-hours';
export * from './messages';
export * from './wait-wording';
export * from './closed-reason';
export * from './ticket-lifecycle';
