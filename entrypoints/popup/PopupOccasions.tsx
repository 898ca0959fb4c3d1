import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type OccasionRow, OccasionsSection } from '../../components/OccasionsSection';
import { type PromiseDueRow, PromisesDueSection } from '../../components/PromisesDueSection';
import { useLocale } from '../../i18n/context';
import { changedKeys, notifyDataChanged } from '../../messaging/client';
import type { KontaktDb } from '../../storage/db';
import type { IsoDay } from '../../storage/types';
import { congratulate, loadOccasionRows, loadPromiseRows, markPromiseDone } from './occasion-rows';

interface Props {
  db: KontaktDb;
  today: IsoDay;
}

/**
 * The popup's "Occasions" and "Promises due": read on their own, after the checklist's first rows, so they
 * never hold up the popup's first paint; re-read whenever the worker says something changed.
 */
export function PopupOccasions({ db, today }: Props) {
  const { t } = useLocale();
  const [occasions, setOccasions] = useState<OccasionRow[]>([]);
  const [promises, setPromises] = useState<PromiseDueRow[]>([]);

  const reload = useCallback(async () => {
    try {
      const [o, p] = await Promise.all([loadOccasionRows(db, today), loadPromiseRows(db, today)]);
      setOccasions(o);
      setPromises(p);
    } catch {
      // The checklist says when storage fails; these sections just stay as they were.
    }
  }, [db, today]);

  useEffect(() => {
    void reload();
    const onMessage = (message: unknown) => {
      if (changedKeys(message) !== undefined) void reload();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reload]);

  const onCongratulated = async (row: OccasionRow) => {
    setOccasions((rows) => rows.filter((r) => r.id !== row.id));
    await congratulate(db, row, today, t);
    notifyDataChanged({ keys: [row.contactKey] });
    await reload();
  };

  const onDone = async (row: PromiseDueRow) => {
    setPromises((rows) => rows.filter((r) => r.id !== row.id));
    await markPromiseDone(db, row);
    notifyDataChanged({ keys: [row.contactKey] });
    await reload();
  };

  return (
    <>
      <OccasionsSection rows={occasions} onCongratulated={(row) => void onCongratulated(row)} />
      <PromisesDueSection rows={promises} onDone={(row) => void onDone(row)} />
    </>
  );
}
