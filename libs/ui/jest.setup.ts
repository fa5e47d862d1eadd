import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// Every spec starts from an empty browser profile.
beforeEach(() => {
  localStorage.clear();
});
