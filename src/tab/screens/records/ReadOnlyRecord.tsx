import { Fragment, useId } from 'react';
import type { RecordView, Signatory } from '../../api/operations/records.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { listText } from '../sessions/session-text.js';
import { answerText, formatDue, isCarried } from './record-text.js';

/** A version as text: the answers (a description list), attendance for a group, and the actions as a table. */
export function ReadOnlyRecord({ view }: { readonly view: RecordView }) {
  const styles = useScreenStyles();
  const answersId = useId();
  const actionsId = useId();
  const { record, template, arrangement } = view;
  const { content } = record;
  const parties: Signatory[] = [arrangement.supervisor, ...arrangement.supervisees];
  const nameOf = (id: string) => parties.find((p) => p.id === id)?.displayName ?? 'Someone no longer in this arrangement';

  return (
    <>
      <section className={styles.stack} aria-labelledby={answersId}>
        <h3 id={answersId} className={styles.h3}>
          The record
        </h3>
        <p className={styles.muted}>{template.title}</p>
        <dl className={styles.facts}>
          {template.questions.map((q) => (
            <Fragment key={q.id}>
              <dt>{q.label}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{answerText(q, content.answers[q.id])}</dd>
            </Fragment>
          ))}
          {record.kind === 'group' ? (
            <>
              <dt>Present</dt>
              <dd>{listText((content.attendance ?? []).filter((a) => a.present).map((a) => nameOf(a.userId))) || 'Not recorded'}</dd>
              <dt>Takes forward any immediate concern</dt>
              <dd>{content.takesForwardId ? nameOf(content.takesForwardId) : 'Not recorded'}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className={styles.stack} aria-labelledby={actionsId}>
        <h3 id={actionsId} className={styles.h3}>
          Agreed actions
        </h3>
        {content.actions.length === 0 ? (
          <p className={styles.text}>No actions were agreed.</p>
        ) : (
          <DataTable label="Agreed actions" minWidth="32rem">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Who</th>
                <th scope="col">By when</th>
                <th scope="col">Done</th>
              </tr>
            </thead>
            <tbody>
              {content.actions.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.text}
                    {isCarried(a, record.sessionId) ? <span className={styles.small}> (carried from an earlier session)</span> : null}
                  </td>
                  <td>{nameOf(a.ownerId)}</td>
                  <td>{formatDue(a.dueDate)}</td>
                  <td>{a.done ? 'Done' : 'Not done'}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </>
  );
}
