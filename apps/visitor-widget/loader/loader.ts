// Entry of dist/apps/loader/loader.js (see scripts/build-loader.mjs). Never throw into the host page.
import { boot } from './kefu-loader';

try {
  boot(window);
} catch (error) {
  if (typeof console !== 'undefined') console.warn('[kefu] loader failed', error);
}
