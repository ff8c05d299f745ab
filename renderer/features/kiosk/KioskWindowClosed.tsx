import { Center, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The second screen's window once the kiosk is over: it closes itself, and shows nothing of Wasl
 * meanwhile (or when the browser keeps it open), since it faces the beneficiaries' side of the desk.
 */
export function KioskWindowClosed() {
  const { t } = useTranslation('kiosk');
  useEffect(() => {
    window.close();
  }, []);
  return (
    <Center mih="100vh" bg="gray.0">
      <Text fz={24} c="dimmed">
        {t('closed')}
      </Text>
    </Center>
  );
}
