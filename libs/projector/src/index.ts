export * from './projection';
export { Projector, ProjectionTimeoutError } from './projector';
export type { ProjectorOptions, ProjectorStatus, ProjectionStatus, ProjectionPhase, ProjectionFailure } from './projector';
export type { ParallelCatchUp } from './parallel-catch-up';
