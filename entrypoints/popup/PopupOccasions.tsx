import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OccasionRow } from '../../components/OccasionsSection';
import { SECTION_PAGE } from '../../components/page-sizes';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import { useLocale } from '../../i18n/context';
import { changedKeys, notifyDataChanged } from '../../messaging/client';
import type { KontaktDb } from '../../storage/db';
import type { IsoDay } from '../../storage/types';
import { congratulate, loadOccasionRows, loadPromiseHead, loadPromiseRows, markPromiseDone } from './occasion-rows';
import { OccasionSections } from './PopupScreen';
import type { FirstScreen } from './summary';

const NONE = { total: 0, rows: [] };

/**
 * The popup's "Occasions" and "Promises due": read on their own beside the checklist, re-read whenever the
 * worker says something changed. They start from the first screen painted (`initial`, the worker's
 * summary) or, without one, show `first` when it is read. "Promises due" reads its first screen (rows and
 * the index count) until the user asks for more; then the whole list.
 */
interface Props {
  db: KontaktDb;
  today: IsoDay;
  initial: FirstScreen | null;
  first?: Promise<FirstScreen>;
}

export function PopupOccasions({ db, today, initial, first }: Props) {
  const { t } = useLocale();
  const [occasions, setOccasions] = useState<{ total: number; rows: OccasionRow[] }>(initial?.occasions ?? NONE);
  const [promises, setPromises] = useState<{ total: number; rows: PromiseDueRow[] }>(initial?.promises ?? NONE);
  const allPromises = useRef(false);
  const readOnce = useRef(false);

  const reload = useCallback(async () => {
    try {
      const [o, p] = await Promise.all([
        loadOccasionRows(db, today),
        allPromises.current
          ? loadPromiseRows(db, today).then((rows) => ({ total: rows.length, rows }))
          : loadPromiseHead(db, today, SECTION_PAGE),
      ]);
      readOnce.current = true;
      setOccasions({ total: o.length, rows: o });
      setPromises(p);
    } catch {
      // The checklist says when storage fails; these sections just stay as they were.
    }
  }, [db, today]);

  useEffect(() => {
    // The first screen paints first; the sections' own read (every occasion, for "Show more") follows it.
    const shown = first?.then((s) => {
      if (readOnce.current) return;
      setOccasions(s.occasions);
      setPromises(s.promises);
    });
    void (shown ?? Promise.resolve()).catch(() => undefined).then(reload);
    const onMessage = (message: unknown) => {
      if (changedKeys(message) !== undefined) void reload();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reload, first]);

  const onCongratulated = async (row: OccasionRow) => {
    setOccasions(({ total, rows }) => ({ total: total - 1, rows: rows.filter((r) => r.id !== row.id) }));
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

  return (
    <OccasionSections
      occasions={occasions}
      promises={promises}
      onCongratulated={(row) => void onCongratulated(row)}
      onDone={(row) => void onDone(row)}
      onNeedOccasions={() => void reload()}
      onNeedPromises={() => {
        allPromises.current = true;
        void reload();
      }}
    />
  );
}
