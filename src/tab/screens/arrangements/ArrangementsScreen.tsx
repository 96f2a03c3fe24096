import { Badge, Button } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { listArrangements, type Arrangement } from '../../api/operations/arrangements.js';
import { listSchools, type School } from '../../api/operations/schools.js';
import { LoadProgress } from '../../components/LoadProgress.js';
import { useFocusAfterRender } from '../../components/use-focus-after-render.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { useLoad } from '../../shell/use-load.js';
import { durationText, listText } from '../sessions/session-text.js';
import { useOptionalLoad } from '../records/use-optional-load.js';
import { cadenceText, ORGANISER_TEXT, roleLabel, schoolNameOf } from './arrangement-form.js';
import { EditArrangement } from './EditArrangement.js';
import { NewArrangementForm } from './NewArrangementForm.js';

/** The school's supervision arrangements: who supervises whom, how often, for how long; make new ones and change them. */
export default function ArrangementsScreen() {
  const { api } = useShell();
  const styles = useScreenStyles();
  const listId = useId();
  const newId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  /** Each row's Change button: focus goes back to it when its panel closes (the panel held the focus). */
  const changeButtons = useFocusAfterRender<string>();
  const closeEditor = () => {
    if (editing !== null) changeButtons.focusAfterRender(editing);
    setEditing(null);
  };
  const { loaded, reload, set } = useLoad((signal) => listArrangements(api, signal), 'The arrangements could not be loaded. Try again.');
  // The trust's schools: a School column and choice only when there are several.
  const trust = useOptionalLoad(
    (signal) => listSchools(api, signal),
    'The trust’s schools could not be loaded, so arrangements cannot be put in a school. Reload the page to try again.',
  );
  const schools: readonly School[] = trust.loaded.state === 'ready' ? trust.loaded.value.schools : [];
  const severalSchools = schools.length > 1;

  const replace = (arrangement: Arrangement) => {
    if (loaded.state !== 'ready') return;
    const others = loaded.value.filter((a) => a.id !== arrangement.id);
    set(loaded.value.some((a) => a.id === arrangement.id) ? loaded.value.map((a) => (a.id === arrangement.id ? arrangement : a)) : [...others, arrangement]);
  };

  const current = loaded.state === 'ready' ? loaded.value.find((a) => a.id === editing) : undefined;

  return (
    <Screen title="Arrangements" intro="Who supervises whom, how often and for how long. The school's supervision grid decides which pairings are allowed.">
      <section className={styles.stack} aria-labelledby={listId}>
        <h3 id={listId} className={styles.h3}>
          Current arrangements
        </h3>
        <LoadProgress state={loaded.state} label="Loading arrangements" onRetry={reload} />
        {loaded.state === 'ready' && loaded.value.length === 0 ? <p className={styles.text}>There are no arrangements yet. Make the first one below.</p> : null}
        {loaded.state === 'ready' && loaded.value.length > 0 ? (
          <DataTable label="List of arrangements" minWidth="48rem">
            <thead>
              <tr>
                <th scope="col">Supervisor</th>
                <th scope="col">Supervisees</th>
                {severalSchools ? <th scope="col">School</th> : null}
                <th scope="col">Format</th>
                <th scope="col">How often</th>
                <th scope="col">Length</th>
                <th scope="col">Meeting organiser</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className={styles.small}>Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.supervisor.displayName}
                    <br />
                    <span className={styles.small}>{roleLabel(a.supervisor.role)}</span>
                  </th>
                  <td>
                    {a.supervisees.map((s) => (
                      <span key={s.id} style={{ display: 'block' }}>
                        {s.displayName} <span className={styles.small}>({roleLabel(s.role)})</span>
                      </span>
                    ))}
                  </td>
                  {severalSchools ? <td>{schoolNameOf(a.schoolId, schools)}</td> : null}
                  <td>{a.format === 'group' ? 'Group' : 'Individual'}</td>
                  <td>
                    {cadenceText(a.cadence)}
                    <br />
                    <span className={styles.small}>At most {a.maxGapMonths} months apart</span>
                  </td>
                  <td>{durationText(a.durationMinutes)}</td>
                  <td>
                    {ORGANISER_TEXT[a.organiser]}
                    {a.teamsMeeting ? <span className={styles.small}> · Teams meeting</span> : null}
                    {a.location ? <span className={styles.small}> · {a.location}</span> : null}
                  </td>
                  <td>
                    <Badge appearance="tint" shape="rounded" color={a.status === 'active' ? 'success' : 'subtle'}>
                      {a.status === 'active' ? 'Active' : 'Ended'}
                    </Badge>
                  </td>
                  <td>
                    <Button
                      size="small"
                      ref={changeButtons.register(a.id)}
                      aria-label={`Change ${a.supervisor.displayName} with ${listText(a.supervisees.map((s) => s.displayName))}`}
                      onClick={() => setEditing(a.id)}
                    >
                      Change
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : null}
        {current ? (
          <EditArrangement
            key={current.id}
            arrangement={current}
            schools={schools}
            onSaved={(a) => {
              replace(a);
              closeEditor();
            }}
            onClose={closeEditor}
          />
        ) : null}
      </section>
      <section className={styles.stack} aria-labelledby={newId}>
        <h3 id={newId} className={styles.h3}>
          New arrangement
        </h3>
        <NewArrangementForm onCreated={replace} schools={schools} />
      </section>
    </Screen>
  );
}
