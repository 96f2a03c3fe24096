import { Button, Dropdown, Field, makeStyles, mergeClasses, Option, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { getComplianceDashboard, ROW_STATUSES, type ComplianceDashboard } from '../../api/operations/compliance.js';
import { Loading } from '../../components/Loading.js';
import { AppLink } from '../../shell/AppLink.js';
import { useShell } from '../../shell/contexts.js';
import { Screen, useScreenStyles } from '../../shell/Screen.js';
import { formatDateTime } from '../../time/london.js';
import { roleLabel } from '../arrangements/arrangement-form.js';
import { useOptionalLoad } from '../records/use-optional-load.js';
import { ComplianceTable } from './ComplianceTable.js';
import { chartGroups, filterChoices, filterRows, NO_FILTERS, plural, STATUS_TEXT, summarise, type Filters, type Summary } from './compliance-text.js';
import { EvidencePackPanel, mayExportEvidence } from './EvidencePackPanel.js';

const useStyles = makeStyles({
  summary: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
  },
  // The status tiles carry a coloured edge as well as their words.
  overdue: { borderLeftWidth: tokens.strokeWidthThickest, borderLeftColor: tokens.colorPaletteRedBorder2 },
  dueSoon: { borderLeftWidth: tokens.strokeWidthThickest, borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  onTrack: { borderLeftWidth: tokens.strokeWidthThickest, borderLeftColor: tokens.colorPaletteGreenBorder2 },
  number: { ...typographyStyles.title2 },
  label: { ...typographyStyles.body1 },
  filters: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  filter: { minWidth: '12rem' },
});

const ALL = 'all';

// The chart library (@fluentui/react-charts with d3) is its own chunk: the counts and the table show first.
const HeldDueChart = lazy(() => import('./HeldDueChart.js').then((m) => ({ default: m.HeldDueChart })));

/**
 * Compliance (admin, DSL and deputies, oversight): where every supervisee stands against the school's
 * supervision policy, with counts, filters, a sortable table and sessions held against due per half term.
 */
export default function ComplianceScreen() {
  const { api } = useShell();
  const styles = useScreenStyles();
  const { loaded, reload } = useOptionalLoad((signal) => getComplianceDashboard(api, {}, signal), 'The compliance dashboard could not be loaded. Try again.');

  return (
    <Screen title="Compliance" intro="Where each supervisee stands against the supervision policy: sessions, records, contracts, actions and decisions.">
      {loaded.state === 'loading' ? <Loading label="Loading the compliance dashboard" /> : null}
      {loaded.state === 'hidden' ? (
        <>
          <p className={styles.text}>
            The compliance dashboard is for the safeguarding team: the admin, the designated safeguarding lead and deputies, and oversight. You are not allowed to see it.
          </p>
          <p className={styles.text}>
            <AppLink to="/">Go to My supervision</AppLink>
          </p>
        </>
      ) : null}
      {loaded.state === 'error' ? (
        <div>
          <Button onClick={reload}>Try again</Button>
        </div>
      ) : null}
      {loaded.state === 'ready' ? <Dashboard dashboard={loaded.value} /> : null}
    </Screen>
  );
}

function Dashboard({ dashboard }: { readonly dashboard: ComplianceDashboard }) {
  const { roles } = useShell();
  const styles = useScreenStyles();
  const own = useStyles();
  const summaryId = useId();
  const tableId = useId();
  const chartsId = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** "Clear the filters" goes away once they are clear: the focus moves to the first filter instead of being lost. */
  const filterGroup = useRef<HTMLDivElement>(null);
  const [focusFilters, setFocusFilters] = useState(false);
  useEffect(() => {
    if (!focusFilters) return;
    filterGroup.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus();
    setFocusFilters(false);
  }, [focusFilters]);
  const choices = useMemo(() => filterChoices(dashboard.rows, roleLabel), [dashboard.rows]);
  const rows = useMemo(() => filterRows(dashboard.rows, filters), [dashboard.rows, filters]);
  const summary = useMemo(() => summarise(rows), [rows]);
  const charts = useMemo(() => chartGroups(dashboard, filters.schoolId), [dashboard, filters.schoolId]);
  const severalSchools = dashboard.schools.length > 1;

  const set = (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value === ALL ? '' : value }));

  return (
    <>
      <p className={styles.muted}>As at {formatDateTime(dashboard.generatedAt)}.</p>

      <section className={styles.stack} aria-labelledby={summaryId}>
        <h3 id={summaryId} className={styles.h3}>
          Summary
        </h3>
        <SummaryTiles summary={summary} />
      </section>

      <section className={styles.stack} aria-labelledby={tableId}>
        <h3 id={tableId} className={styles.h3}>
          Supervisees
        </h3>
        <div ref={filterGroup} className={own.filters} role="group" aria-label="Filter the supervisees">
          {severalSchools ? (
            <FilterDropdown
              label="School"
              value={filters.schoolId}
              allText="All schools"
              options={dashboard.schools.map((s) => ({ id: s.id, name: s.name }))}
              onChange={(v) => set('schoolId', v)}
            />
          ) : null}
          <FilterDropdown label="Role" value={filters.role} allText="All roles" options={choices.roles} onChange={(v) => set('role', v)} />
          <FilterDropdown label="Supervisor" value={filters.supervisorId} allText="All supervisors" options={choices.supervisors} onChange={(v) => set('supervisorId', v)} />
          <FilterDropdown
            label="Status"
            value={filters.status}
            allText="All statuses"
            options={ROW_STATUSES.map((s) => ({ id: s, name: STATUS_TEXT[s] }))}
            onChange={(v) => set('status', v)}
          />
          {Object.values(filters).some((v) => v !== '') ? (
            <Button
              onClick={() => {
                setFilters(NO_FILTERS);
                setFocusFilters(true);
              }}
            >
              Clear the filters
            </Button>
          ) : null}
        </div>
        <p className={styles.muted} role="status">
          Showing {plural(rows.length, 'supervisee', 'supervisees')} of {dashboard.rows.length}.
        </p>
        {dashboard.rows.length === 0 ? (
          <p className={styles.text}>No one is in an active supervision arrangement yet. Add arrangements to see where each supervisee stands.</p>
        ) : rows.length === 0 ? (
          <p className={styles.text}>No supervisee matches these filters.</p>
        ) : (
          <ComplianceTable rows={rows} />
        )}
      </section>

      <section className={styles.stack} aria-labelledby={chartsId}>
        <h3 id={chartsId} className={styles.h3}>
          Sessions held against sessions due
        </h3>
        <p className={styles.muted}>
          Each half term that has started: how many arrangements were due a session, and how many held one.
          {severalSchools && !filters.schoolId ? ' All schools together first, then each school.' : ''}
        </p>
        {charts.length === 0 ? <p className={styles.text}>No sessions were due yet.</p> : null}
        <Suspense fallback={<Loading label="Loading the charts" />}>
          {charts.map((c) => (
            <HeldDueChart key={c.key} title={c.title} windows={c.windows} />
          ))}
        </Suspense>
      </section>

      {mayExportEvidence(roles) ? <EvidencePackPanel schools={dashboard.schools} /> : null}
    </>
  );
}

function SummaryTiles({ summary }: { readonly summary: Summary }) {
  const styles = useStyles();
  const tiles: { label: string; value: number; className?: string }[] = [
    { label: 'Overdue', value: summary.overdue, className: styles.overdue },
    { label: 'Due soon', value: summary.dueSoon, className: styles.dueSoon },
    { label: 'On track', value: summary.onTrack, className: styles.onTrack },
    { label: 'Records awaiting signature', value: summary.awaitingSignature },
    { label: 'Decisions awaiting confirmation', value: summary.decisionsAwaiting },
    { label: 'Contracts missing', value: summary.contractsMissing },
    { label: 'People the bot cannot reach', value: summary.unreachable },
  ];
  return (
    <ul className={styles.summary} aria-label="Summary counts">
      {tiles.map((t) => (
        <li key={t.label} className={mergeClasses(styles.tile, t.className)}>
          <span className={styles.number}>{t.value}</span>
          <span className={styles.label}>{t.label}</span>
        </li>
      ))}
    </ul>
  );
}

function FilterDropdown({
  label,
  value,
  allText,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly allText: string;
  readonly options: readonly { id: string; name: string }[];
  readonly onChange: (value: string) => void;
}) {
  const styles = useStyles();
  const selected = value || ALL;
  const text = value ? (options.find((o) => o.id === value)?.name ?? value) : allText;
  return (
    <Field label={label} className={styles.filter}>
      <Dropdown value={text} selectedOptions={[selected]} onOptionSelect={(_, data) => onChange(data.optionValue ?? ALL)}>
        <Option value={ALL}>{allText}</Option>
        {options.map((o) => (
          <Option key={o.id} value={o.id}>
            {o.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
