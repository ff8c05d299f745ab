import { rebuildNameIndex } from '../../electron/services/search/reindex';
import type { Migration } from './index';

/** The settings key under which the open-time re-index recorded the folding rules it indexed by. */
const FOLDING_RULES_KEY = 'search.normalizerVersion';
/** The folding rules this build's names are indexed by, as that key counted them. */
const FOLDING_RULES_NOW = 3;

/**
 * The name index is rebuilt by the search's folding rules as a migration, no longer by a version kept
 * in settings and checked at every open. A database the open-time re-index already brought to these
 * rules keeps its index (re-indexing 100,000 people twice costs seconds for nothing); any other, an
 * older one or one indexed before the rules were counted, is re-indexed once. The key is then let go.
 * A later change to the folding rules is a new migration that runs the rebuild again.
 */
export const namesRefolded: Migration = {
  version: 11,
  name: 'names-refolded',
  run(sqlite) {
    const stored = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(FOLDING_RULES_KEY) as string | undefined;
    if (stored === undefined || JSON.parse(stored) !== FOLDING_RULES_NOW) rebuildNameIndex(sqlite);
    sqlite.prepare('DELETE FROM settings WHERE key = ?').run(FOLDING_RULES_KEY);
  },
};
