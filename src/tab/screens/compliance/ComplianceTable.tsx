import { Badge, Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { DashboardRow } from '../../api/operations/compliance.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { formatDue } from '../records/record-text.js';
import { roleLabel } from '../arrangements/arrangement-form.js';
import { CONTRACT_COLOR, CONTRACT_TEXT, nextSort, plural, sessionDate, sortRows, STATUS_COLOR, STATUS_TEXT, statusDetail, type Sort, type SortKey } from './compliance-text.js';

const useStyles = makeStyles({
  sortButton: {
    ...typographyStyles.body1Strong,
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: 0,
    margin: 0,
    border: 'none',
    background: 'none',
    color: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  status: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXS, minWidth: '16rem' },
  badge: { whiteSpace: 'nowrap' },
  findings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, ...typographyStyles.caption1 },
});

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'supervisee', label: 'Supervisee' },
  { key: 'role', label: 'Role' },
  { key: 'supervisor', label: 'Supervisor' },
  { key: 'last', label: 'Last session' },
  { key: 'next', label: 'Next session' },
  { key: 'status', label: 'Status' },
  { key: 'records', label: 'Unsigned records' },
];

/** The rows' status table: every column but the last three sorts, the sorted one says so (aria-sort). */
export function ComplianceTable({ rows }: { readonly rows: readonly DashboardRow[] }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const [sort, setSort] = useState<Sort>({ key: 'status', direction: 'descending' });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const sorted = useMemo(() => sortRows(rows, sort, roleLabel), [rows, sort]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" key={key} aria-sort={sort.key === key ? sort.direction : undefined}>
      <button type="button" className={styles.sortButton} onClick={() => setSort((s) => nextSort(s, key))}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.direction === 'ascending' ? '↑' : '↓') : '↕'}</span>
      </button>
    </th>
  );
  const toggle = (id: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <DataTable
      label="Supervisees and where they stand"
      caption={`${plural(rows.length, 'supervisee', 'supervisees')}, sorted by ${labelOf(sort.key).toLowerCase()} (${sort.direction})`}
      minWidth="64rem"
    >
      <thead>
        <tr>
          {COLUMNS.map((c) => header(c.key, c.label))}
          <th scope="col">Contract</th>
          {header('actions', 'Actions')}
          {header('decisions', 'Decisions awaiting')}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => {
          const id = `${row.arrangementId}:${row.superviseeId}`;
          const listId = `findings-${id}`;
          const expanded = open.has(id);
          const more = row.findings.length - 1;
          return (
            <tr key={id}>
              <th scope="row">{row.superviseeName}</th>
              <td>{roleLabel(row.superviseeRole)}</td>
              <td>{row.supervisorName}</td>
              <td>{sessionDate(row.lastSession, 'None yet')}</td>
              <td>{sessionDate(row.nextSession, 'None booked')}</td>
              <td>
                <div className={styles.status}>
                  <Badge className={styles.badge} appearance="tint" shape="rounded" color={STATUS_COLOR[row.status]}>
                    {STATUS_TEXT[row.status]}
                  </Badge>
                  <span>{statusDetail(row)}</span>
                  {row.unreachable ? <span className={screen.small}>Cannot be reached by the bot: the app is not installed for them.</span> : null}
                  {more > 0 ? (
                    <>
                      <Button size="small" appearance="subtle" aria-expanded={expanded} aria-controls={listId} onClick={() => toggle(id)}>
                        {expanded ? 'Hide the other findings' : `Show ${plural(more, 'more finding', 'more findings')}`}
                      </Button>
                      {expanded ? (
                        <ul id={listId} className={styles.findings} aria-label={`Other findings for ${row.superviseeName}`}>
                          {row.findings.slice(1).map((f) => (
                            <li key={`${f.rule}:${f.subjectId}`}>
                              {STATUS_TEXT[f.status]}: {f.message} Due by {formatDue(f.dueBy)}.
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </>
                  ) : null}
                </div>
              </td>
              <td>{row.unsignedRecords}</td>
              <td>
                <Badge className={styles.badge} appearance="tint" shape="rounded" color={CONTRACT_COLOR[row.contract]}>
                  {CONTRACT_TEXT[row.contract]}
                </Badge>
              </td>
              <td>
                {row.openActions} open
                {row.overdueActions > 0 ? <span className={screen.small}>, {row.overdueActions} overdue</span> : null}
              </td>
              <td>
                {row.decisionsAwaiting}
                {row.decisionsOverdue > 0 ? <span className={screen.small}> ({row.decisionsOverdue} overdue)</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

function labelOf(key: SortKey): string {
  if (key === 'actions') return 'Actions';
  if (key === 'decisions') return 'Decisions awaiting';
  return COLUMNS.find((c) => c.key === key)?.label ?? key;
}
