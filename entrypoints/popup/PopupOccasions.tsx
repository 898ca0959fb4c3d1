import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type OccasionRow, OccasionsSection, SECTION_PAGE } from '../../components/OccasionsSection';
import { type PromiseDueRow, PromisesDueSection } from '../../components/PromisesDueSection';
import { useLocale } from '../../i18n/context';
import { changedKeys, notifyDataChanged } from '../../messaging/client';
import type { KontaktDb } from '../../storage/db';
import type { IsoDay } from '../../storage/types';
import { congratulate, loadOccasionRows, loadPromiseHead, loadPromiseRows, markPromiseDone } from './occasion-rows';

interface Props {
  db: KontaktDb;
  today: IsoDay;
}

/**
 * The popup's "Occasions" and "Promises due": read on their own beside the checklist, re-read whenever the
 * worker says something changed. "Promises due" reads its first screen (rows and the index count) until
 * the user asks for more; then the whole list.
 */
export function PopupOccasions({ db, today }: Props) {
  const { t } = useLocale();
  const [occasions, setOccasions] = useState<OccasionRow[]>([]);
  const [promises, setPromises] = useState<{ total: number; rows: PromiseDueRow[] }>({ total: 0, rows: [] });
  const allPromises = useRef(false);

  const reload = useCallback(async () => {
    try {
      const [o, p] = await Promise.all([
        loadOccasionRows(db, today),
        allPromises.current
          ? loadPromiseRows(db, today).then((rows) => ({ total: rows.length, rows }))
          : loadPromiseHead(db, today, SECTION_PAGE),
      ]);
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
    setPromises(({ total, rows }) => ({ total: total - 1, rows: rows.filter((r) => r.id !== row.id) }));
    await markPromiseDone(db, row);
    notifyDataChanged({ keys: [row.contactKey] });
    await reload();
  };

  const onNeedPromises = () => {
    allPromises.current = true;
    void reload();
  };

  return (
    <>
      <OccasionsSection rows={occasions} onCongratulated={(row) => void onCongratulated(row)} />
      <PromisesDueSection
        rows={promises.rows}
        total={promises.total}
        onDone={(row) => void onDone(row)}
        onNeedRows={onNeedPromises}
      />
    </>
  );
}
