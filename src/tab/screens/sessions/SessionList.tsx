import { Badge, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { SessionView } from '../../api/operations/sessions.js';
import { pathFor } from '../../router/routes.js';
import { AppLink } from '../../shell/AppLink.js';
import { formatDateTime, formatTimeRange } from '../../time/london.js';
import { MY_PART_TEXT, peopleText, reasonText, sessionStatus } from './session-text.js';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    borderLeftWidth: tokens.strokeWidthThick,
    borderLeftStyle: 'solid',
    borderLeftColor: tokens.colorNeutralStroke1,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  title: { ...typographyStyles.body1Strong },
  line: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: 0 },
  badges: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  empty: { ...typographyStyles.body1, margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Sessions as a list: each opens the Session screen; status in words (badges repeat it), moves listed. */
export function SessionList({
  sessions,
  empty,
  showPeople = true,
  label,
}: {
  readonly sessions: readonly SessionView[];
  readonly empty: string;
  readonly showPeople?: boolean;
  /** Accessible name of the list (e.g. the heading's id is not available). */
  readonly label: string;
}) {
  const styles = useStyles();
  if (sessions.length === 0) return <p className={styles.empty}>{empty}</p>;
  return (
    <ul className={styles.list} aria-label={label}>
      {sessions.map((view) => {
        const { session } = view;
        const last = session.postponements[session.postponements.length - 1];
        return (
          <li key={session.id} className={styles.item}>
            <AppLink to={pathFor({ screen: 'session', sessionId: session.id })} className={styles.title}>
              {formatTimeRange(session.start, session.end)}
            </AppLink>
            <p className={styles.line}>
              {session.windowLabel} {session.academicYear}
              {showPeople ? ` · ${peopleText(view.arrangement)}` : ''} · {MY_PART_TEXT[view.myPart]}
            </p>
            {last ? (
              <p className={styles.line}>
                Moved from {formatDateTime(last.fromStart)} ({reasonText(last.reason).toLowerCase()})
              </p>
            ) : null}
            <div className={styles.badges}>
              {sessionStatus(view).map((b) => (
                <Badge key={b.label} appearance="tint" color={b.color} shape="rounded">
                  {b.label}
                </Badge>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
