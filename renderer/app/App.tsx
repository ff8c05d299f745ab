import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { Api } from '../../electron/api/contract';
import { ApiProvider } from '../api/context';
import { BeneficiaryFormPage } from '../features/beneficiaries/BeneficiaryFormPage';
import { BeneficiaryListPage } from '../features/beneficiaries/BeneficiaryListPage';
import { BeneficiaryPage } from '../features/beneficiaries/BeneficiaryPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { PaperEntryPage } from '../features/paper-forms/PaperEntryPage';
import { QuestionnaireEditorPage } from '../features/questionnaires/QuestionnaireEditorPage';
import { QuestionnairePage } from '../features/questionnaires/QuestionnairePage';
import { QuestionnairesPage } from '../features/questionnaires/QuestionnairesPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { ComplaintPage } from '../features/complaints/ComplaintPage';
import { ComplaintsPage } from '../features/complaints/ComplaintsPage';
import { HomePage } from '../features/home/HomePage';
import { InquiriesPage } from '../features/inquiries/InquiriesPage';
import { LibraryPage } from '../features/inquiries/LibraryPage';
import { LettersPage } from '../features/letters/LettersPage';
import { OfficePage } from '../features/queues/OfficePage';
import { ForgetReportPeriodOnSignOut } from '../features/reports/period-memory';
import { ProgramPage } from '../features/programs/ProgramPage';
import { ProgramsPage } from '../features/programs/ProgramsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SatisfactionFiguresPage } from '../features/satisfaction-figures/SatisfactionFiguresPage';
import { RequestPage } from '../features/requests/RequestPage';
import { RequestsPage } from '../features/requests/RequestsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { SessionGate } from '../features/session/SessionGate';
import { ErrorBoundary } from './ErrorBoundary';
import { Shell } from './Shell';
import { themeWithCloseLabel } from './theme';

/**
 * Toasts rise in the bottom corner at the end of the reading direction (left in Arabic, right in
 * English), away from the search box in the header and the side menu, so they never cover what
 * the officer is typing into. Mantine's positions are physical, so the side follows the direction.
 */
function DeskNotifications() {
  const { dir } = useDirection();
  return <Notifications position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'} />;
}

export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <DirectionProvider initialDirection={i18next.dir()} detectDirection={false}>
        <LocalizedMantineProvider>
          <DeskNotifications />
          <SessionGate>
            <Router hook={useHashLocation}>
              <ForgetReportPeriodOnSignOut />
              <Shell>
                <ErrorBoundary>
                  <Switch>
                    <Route path="/" component={HomePage} />
                    <Route path="/beneficiaries" component={BeneficiaryListPage} />
                    <Route path="/beneficiaries/new">{() => <BeneficiaryFormPage key="new" />}</Route>
                    <Route path="/beneficiaries/:id/edit">{(params) => <BeneficiaryFormPage key={`edit-${params.id}`} id={params.id} />}</Route>
                    <Route path="/beneficiaries/:id">{(params) => <BeneficiaryPage key={params.id} id={params.id} />}</Route>
                    <Route path="/requests" component={RequestsPage} />
                    <Route path="/requests/:id">{(params) => <RequestPage key={params.id} id={params.id} />}</Route>
                    <Route path="/complaints" component={ComplaintsPage} />
                    <Route path="/complaints/:id">{(params) => <ComplaintPage key={params.id} id={params.id} />}</Route>
                    <Route path="/inquiries" component={InquiriesPage} />
                    <Route path="/library" component={LibraryPage} />
                    <Route path="/documents" component={DocumentsPage} />
                    <Route path="/paper-forms" component={PaperEntryPage} />
                    <Route path="/questionnaires" component={QuestionnairesPage} />
                    <Route path="/questionnaires/new">{() => <QuestionnaireEditorPage key="new" />}</Route>
                    <Route path="/questionnaires/:id/edit">{(params) => <QuestionnaireEditorPage key={`edit-${params.id}`} id={params.id} />}</Route>
                    <Route path="/questionnaires/:id">{(params) => <QuestionnairePage key={params.id} id={params.id} />}</Route>
                    <Route path="/letters" component={LettersPage} />
                    <Route path="/programs" component={ProgramsPage} />
                    <Route path="/programs/:id">{(params) => <ProgramPage key={params.id} id={params.id} />}</Route>
                    <Route path="/office" component={OfficePage} />
                    <Route path="/reports" component={ReportsPage} />
                    <Route path="/satisfaction" component={SatisfactionFiguresPage} />
                    <Route path="/catalog" component={CatalogPage} />
                    <Route path="/users" component={UsersPage} />
                    <Route path="/audit" component={AuditPage} />
                    <Route path="/conflicts" component={ConflictsPage} />
                    <Route path="/backups" component={BackupsPage} />
                    <Route path="/settings" component={SettingsPage} />
                    <Route component={HomePage} />
                  </Switch>
                </ErrorBoundary>
              </Shell>
            </Router>
          </SessionGate>
        </LocalizedMantineProvider>
      </DirectionProvider>
    </ApiProvider>
  );
}

/** Mantine with the theme in the interface's language: it names the close buttons it draws. */
function LocalizedMantineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation('common');
  const closeLabel = t('close');
  const theme = useMemo(() => themeWithCloseLabel(closeLabel), [closeLabel]);
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}
