import type { contactsCalls } from '../../api/contacts';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import { closeUnlinkedContact, linkContact } from './link';
import { listUnlinked, logContact } from './service';

export function contactsHandlers({ db }: ServiceDependencies): AreaHandlers<typeof contactsCalls> {
  return {
    'contacts.log': (input, context) => logContact(db, input, context),
    'contacts.link': (input, context) => linkContact(db, input, context),
    'contacts.unlinked': (input, context) => listUnlinked(db, input, context),
    'contacts.closeUnlinked': (input, context) => closeUnlinkedContact(db, input, context),
  };
}
