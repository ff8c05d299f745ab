import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { withTranslation, type WithTranslation } from 'react-i18next';

interface State {
  failed: boolean;
}

/**
 * A screen that fails to draw shows a calm message instead of a blank window. Nothing is lost:
 * every saved record lives in the database, and going home redraws the app.
 */
class ErrorBoundaryBase extends Component<WithTranslation & { children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A screen failed to draw:', error, info.componentStack);
  }

  override render() {
    const { t, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <Alert color="red" title={t('screenFailed.title')} m="lg" role="alert">
        <Stack gap="sm">
          <Text>{t('screenFailed.body')}</Text>
          <Button
            w="fit-content"
            onClick={() => {
              window.location.hash = '#/';
              this.setState({ failed: false });
            }}
          >
            {t('screenFailed.home')}
          </Button>
        </Stack>
      </Alert>
    );
  }
}

export const ErrorBoundary = withTranslation()(ErrorBoundaryBase);
