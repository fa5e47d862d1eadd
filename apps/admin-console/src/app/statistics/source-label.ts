export { engineName, sourceName } from '../reporting/source-text';
