// Wasl's own lint rules: the layers' import boundaries and the message keys.
import layers from './rules/layers.js';
import validI18nKeys from './rules/valid-i18n-keys.js';

export default { meta: { name: 'wasl' }, rules: { layers, 'valid-i18n-keys': validI18nKeys } };
