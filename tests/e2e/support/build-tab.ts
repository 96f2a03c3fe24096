export { ensureTabBuilt, TAB_DIST } from '../../../scripts/build-tab.js';
