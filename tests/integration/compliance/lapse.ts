import { createArrangementRepository } from '../../../src/bot/storage/arrangement-repository.js';
import type { Arrangement } from '../../../src/shared/arrangements/arrangement.js';
import { addMonths } from '../../../src/shared/calendar/dates.js';
import { instantToLondon } from '../../../src/shared/calendar/london-time.js';
import type { GraphReader } from '../../support/graph-reader.js';
import type { RunningStack } from '../../support/start-stack.js';

/**
 * The arrangement's supervision has truly lapsed: it began six months ago and nothing has been held since
 * (written behind the app's back, as another server instance would, then the read model catches up).
 */
export async function lapse(stack: RunningStack, reader: GraphReader, a: Arrangement): Promise<void> {
  const repo = createArrangementRepository(reader.store);
  const stored = await repo.get(a.id);
  if (!stored) throw new Error(`no arrangement ${a.id}`);
  await repo.update(stored, { ...stored.value, startDate: addMonths(instantToLondon(new Date().toISOString()).date, -6) });
  await stack.app.readModel.refresh();
}
