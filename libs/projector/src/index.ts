export * from './projection';
export { Projector, ProjectionTimeoutError } from './projector';
export type { ProjectorOptions, ProjectorStatus, ProjectionStatus, ProjectionPhase, ProjectionFailure } from './projector';
