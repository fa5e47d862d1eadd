export * from './fake-socket';
export * from './fetch';
export * from './i18n';
export * from './window-settings';
