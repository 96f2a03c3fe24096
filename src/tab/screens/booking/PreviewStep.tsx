import { Badge, Button, Field, Input, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { previewBooking, type BookingPreview, type BookingRequest, type Move, type ProposedSession } from '../../api/operations/booking.js';
import { Loading } from '../../components/Loading.js';
import { useFocusAfterRender } from '../../components/use-focus-after-render.js';
import { useShell } from '../../shell/contexts.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatTimeRange, londonInputToInstant, toLondonInputValue } from '../../time/london.js';
import { userMessageFor } from '../../user-message.js';
import { durationText } from '../sessions/session-text.js';
import { canMove, STATUS_TEXT, withMove, withoutMove } from './booking-steps.js';
import { StepHeading } from './StepHeading.js';

const useStyles = makeStyles({
  reason: { ...typographyStyles.body1, margin: 0 },
  setAside: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: 0, marginTop: tokens.spacingVerticalXS },
  refused: { ...typographyStyles.body1Strong, color: tokens.colorPaletteRedForeground1, margin: 0, marginTop: tokens.spacingVerticalXS },
  editor: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  nowrap: { whiteSpace: 'nowrap' },
});

const rowKey = (arrangementId: string, windowId: string) => `${arrangementId}/${windowId}`;

interface Editing {
  readonly arrangementId: string;
  readonly windowId: string;
  readonly windowLabel: string;
  readonly value: string;
  readonly problem: string | null;
}

/**
 * Step 2: the proposed sessions per arrangement, with the planner's reason and any rule it set aside.
 * A session to be booked can be moved: the new London time is sent as a move and the whole year is
 * checked again; a move the server refuses shows its reason against the session.
 */
export function PreviewStep({
  request,
  moves,
  onMovesChange,
  onBack,
  onContinue,
}: {
  readonly request: BookingRequest;
  readonly moves: readonly Move[];
  readonly onMovesChange: (moves: Move[]) => void;
  readonly onBack: () => void;
  readonly onContinue: (preview: BookingPreview) => void;
}) {
  const { api, notices } = useShell();
  const styles = useStyles();
  const screen = useScreenStyles();
  const [preview, setPreview] = useState<BookingPreview | null>(null);
  const [busy, setBusy] = useState(true);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const editorInput = useRef<HTMLInputElement>(null);
  const headingId = useId();
  /** Each row's Move button takes the focus back once its editor closes (the editor held it); else the heading. */
  const moveButtons = useFocusAfterRender<string>(() => document.getElementById(headingId));
  const key = JSON.stringify({ request, moves });

  useEffect(() => {
    const controller = new AbortController();
    setBusy(true);
    setFailed(false);
    previewBooking(api, { ...request, moves }, controller.signal).then(
      (next) => {
        if (controller.signal.aborted) return;
        setPreview(next);
        setBusy(false);
        if (next.refusedMoves.length > 0) {
          notices.showError(`A time you chose cannot be used: ${next.refusedMoves.map((r) => r.message).join(' ')}`);
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setBusy(false);
        setFailed(true);
        notices.showError(userMessageFor(error, 'The proposed dates could not be worked out. Try again.'));
      },
    );
    return () => controller.abort();
    // `key` stands for the request and the moves.
  }, [key, attempt]);

  useEffect(() => {
    if (editing) editorInput.current?.focus();
  }, [editing?.arrangementId, editing?.windowId]);

  const closeEditor = () => {
    if (editing) moveButtons.focusAfterRender(rowKey(editing.arrangementId, editing.windowId));
    setEditing(null);
  };

  const startEditing = (arrangementId: string, s: ProposedSession) =>
    setEditing({ arrangementId, windowId: s.windowId, windowLabel: s.windowLabel, value: s.start ? toLondonInputValue(s.start) : '', problem: null });

  const applyEdit = () => {
    if (!editing) return;
    const converted = londonInputToInstant(editing.value);
    if (!converted.ok) {
      setEditing({ ...editing, problem: converted.message });
      return;
    }
    notices.showError(null);
    onMovesChange(withMove(moves, { arrangementId: editing.arrangementId, windowId: editing.windowId, start: converted.instant }));
    closeEditor();
  };

  const refusedFor = (arrangementId: string, windowId: string) => preview?.refusedMoves.find((r) => r.arrangementId === arrangementId && r.windowId === windowId)?.message;
  const movedByMe = (arrangementId: string, windowId: string) => moves.some((m) => m.arrangementId === arrangementId && m.windowId === windowId);
  /** Undo goes away with the move: focus moves to the row's Move button, and a refusal of that move is no longer a problem. */
  const undoMove = (arrangementId: string, windowId: string) => {
    if (refusedFor(arrangementId, windowId)) notices.showError(null);
    onMovesChange(withoutMove(moves, { arrangementId, windowId }));
    moveButtons.focusAfterRender(rowKey(arrangementId, windowId));
  };

  return (
    <div className={screen.stack} aria-busy={busy}>
      <StepHeading focus id={headingId}>
        Step 2 of 3: Check the dates
      </StepHeading>
      {busy ? <Loading label={preview ? 'Checking the dates again' : 'Working out the dates'} /> : null}
      {failed ? (
        <div className={screen.row}>
          <Button onClick={() => setAttempt((n) => n + 1)}>Try again</Button>
          <Button onClick={onBack}>Back</Button>
        </div>
      ) : null}
      {preview ? (
        <>
          <p className={screen.text}>
            {preview.academicYear}: {preview.totals.toBook} to book, {preview.totals.alreadyBooked} already booked, {preview.totals.noSlot} with no time found. Times are UK time.
          </p>
          {preview.arrangements.map((a) => (
            <section key={a.arrangementId} className={screen.stack} aria-label={a.title}>
              <h4 className={screen.h4}>{a.title}</h4>
              <p className={screen.muted}>
                {a.format === 'group' ? 'Group' : 'Individual'}, {durationText(a.durationMinutes)}
              </p>
              <DataTable label={`Proposed sessions: ${a.title}`} minWidth="40rem">
                <thead>
                  <tr>
                    <th scope="col">Half term</th>
                    <th scope="col">Date and time</th>
                    <th scope="col">Status</th>
                    <th scope="col">Why</th>
                    <th scope="col">
                      <span className={screen.small}>Change</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.sessions.map((s) => {
                    const status = STATUS_TEXT[s.status];
                    const refused = refusedFor(a.arrangementId, s.windowId);
                    const isEditing = editing?.arrangementId === a.arrangementId && editing.windowId === s.windowId;
                    return (
                      <Fragment key={s.sessionId}>
                        <tr>
                          <th scope="row" className={styles.nowrap}>
                            {s.windowLabel}
                          </th>
                          <td className={styles.nowrap}>{s.start && s.end ? formatTimeRange(s.start, s.end) : '—'}</td>
                          <td className={styles.nowrap}>
                            <Badge appearance="tint" color={status.color} shape="rounded">
                              {status.label}
                            </Badge>
                          </td>
                          <td>
                            <p className={styles.reason}>{s.reason}</p>
                            {s.setAside.map((rule) => (
                              <p key={rule} className={styles.setAside}>
                                Rule set aside: {rule}
                              </p>
                            ))}
                            {refused ? <p className={styles.refused}>Your time was not used: {refused}</p> : null}
                          </td>
                          <td>
                            <div className={screen.row}>
                              {canMove(s.status) && !isEditing ? (
                                <Button
                                  size="small"
                                  ref={moveButtons.register(rowKey(a.arrangementId, s.windowId))}
                                  aria-label={`Move ${s.windowLabel}`}
                                  onClick={() => startEditing(a.arrangementId, s)}
                                  // Focusable while the year is checked again: it holds the focus the editor gave back.
                                  disabledFocusable={busy}
                                >
                                  Move
                                </Button>
                              ) : null}
                              {movedByMe(a.arrangementId, s.windowId) ? (
                                <Button
                                  size="small"
                                  appearance="subtle"
                                  aria-label={`Undo the move of ${s.windowLabel}`}
                                  disabled={busy}
                                  onClick={() => undoMove(a.arrangementId, s.windowId)}
                                >
                                  Undo move
                                </Button>
                              ) : null}
                            </div>
                          </td>
                        </tr>
                        {isEditing && editing ? (
                          <tr>
                            <td colSpan={5}>
                              <form
                                className={styles.editor}
                                noValidate
                                onSubmit={(event) => {
                                  event.preventDefault();
                                  applyEdit();
                                }}
                              >
                                <Field
                                  label={`New start for ${editing.windowLabel} (UK time)`}
                                  validationMessage={editing.problem ?? undefined}
                                  validationState={editing.problem ? 'error' : 'none'}
                                >
                                  <Input
                                    ref={editorInput}
                                    type="datetime-local"
                                    value={editing.value}
                                    onChange={(_, data) => setEditing({ ...editing, value: data.value, problem: null })}
                                  />
                                </Field>
                                <Button type="submit" appearance="primary">
                                  Check this time
                                </Button>
                                <Button onClick={closeEditor}>Cancel</Button>
                              </form>
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </DataTable>
            </section>
          ))}
          <div className={screen.row}>
            <Button appearance="primary" disabled={busy || preview.totals.toBook === 0} onClick={() => onContinue(preview)}>
              Continue
            </Button>
            <Button onClick={onBack}>Back</Button>
          </div>
          {preview.totals.toBook === 0 ? <p className={screen.muted}>There is nothing to book for these arrangements in {preview.academicYear}.</p> : null}
        </>
      ) : null}
    </div>
  );
}
