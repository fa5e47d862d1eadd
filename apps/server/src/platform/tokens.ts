/** Injection tokens of the platform's ports. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');
export const SERVER_CONFIG = Symbol('SERVER_CONFIG');
