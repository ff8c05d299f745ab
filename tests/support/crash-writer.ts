// The child process of tests/integration/crash.test.ts: registers beneficiaries, one after the
// other, until it is killed. Run as `node --import tsx tests/support/crash-writer.ts <database> <first serial>`
// (plain node with the tsx loader, so that SIGKILL reaches this very process, not a launcher), with
// the database key in hex in WASL_CRASH_TEST_KEY.
//
// Prints `ready` once the database is open and migrated, then `ack <id> <national id>` after each
// registration has resolved: the parent then holds it to that record surviving the kill.
import { openDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { beneficiariesCalls, type BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { registerBeneficiary } from '../../electron/services/beneficiaries/service';

const ACTOR_ID = '00000000-0000-7000-8000-000000000001';

/** The app folds the write-ahead log into the file when the desk falls idle; here every so often, so that some kills land in or after a checkpoint. */
const CHECKPOINT_EVERY = 25;

const FIRST_NAMES = ['محمد', 'إبراهيم', 'خالد', 'يوسف', 'عبدالرحمن', 'سلمان', 'أحمد'];
const FAMILY_NAMES = ['الحربي', 'المبارك', 'العمير', 'الملحم', 'النعيم', 'الجبر'];

/** A valid registration, different for every serial: its own national ID and its own mobile. */
function fieldsFor(serial: number): BeneficiaryFieldsInput {
  return {
    firstName: FIRST_NAMES[serial % FIRST_NAMES.length] ?? 'محمد',
    fatherName: 'عبدالله',
    grandfatherName: 'سعد',
    familyName: FAMILY_NAMES[serial % FAMILY_NAMES.length] ?? 'الحربي',
    latinName: null,
    idType: 'national_id',
    idNumber: withSaudiCheckDigit(`1${String(10_000_000 + serial).padStart(8, '0')}`),
    nationality: 'SA',
    residencyStatus: 'citizen',
    gender: 'male',
    birthDate: null,
    phones: [`05${String(50_000_000 + serial).padStart(8, '0')}`],
    districtId: null,
    address: null,
    category: 'prisoner',
    prisonerRelation: null,
    prisonerName: null,
    prisonerFacility: null,
    prisonerStatus: 'serving_sentence',
    household: [],
    needs: ['financial'],
    needsPriority: 'medium',
    needsNotes: null,
    consentGiven: true,
    consentDate: '2025-01-05',
    consentMethod: 'written',
    status: 'active',
    notes: null,
  };
}

/** Resolves once the line has been handed to the operating system, not merely queued in this process. */
function say(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  const [databasePath, firstSerialText] = process.argv.slice(2);
  const keyHex = process.env.WASL_CRASH_TEST_KEY ?? '';
  const firstSerial = Number(firstSerialText);
  if (!databasePath || !Number.isSafeInteger(firstSerial) || !/^[0-9a-f]{64}$/.test(keyHex)) {
    throw new Error('usage: WASL_CRASH_TEST_KEY=<64 hex digits> crash-writer.ts <database> <first serial>');
  }
  const opened = openDatabase(databasePath, { key: Buffer.from(keyHex, 'hex') });
  migrate(opened.sqlite);
  await say('ready');

  const registerInput = beneficiariesCalls['beneficiaries.register'].input;
  for (let serial = firstSerial; ; serial += 1) {
    // Validated and normalized by the call's own schema, as the dispatcher does before the service.
    const input = registerInput.parse({ fields: fieldsFor(serial), confirmNotDuplicate: false });
    const registered = await registerBeneficiary(opened.db, input, { actorId: ACTOR_ID, now: new Date() });
    await say(`ack ${registered.id} ${registered.idNumber}`);
    if ((serial - firstSerial + 1) % CHECKPOINT_EVERY === 0) opened.sqlite.pragma('wal_checkpoint(PASSIVE)');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
