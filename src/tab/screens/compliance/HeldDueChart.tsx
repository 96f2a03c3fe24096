import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { makeStyles } from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import type { WindowTally } from '../../api/operations/compliance.js';
import { DataTable } from '../../shell/DataTable.js';
import { useScreenStyles } from '../../shell/Screen.js';
import { tallySentence } from './compliance-text.js';

const useStyles = makeStyles({
  // The chart draws to its container's width; a floor keeps the bars readable on a phone (it scrolls).
  chart: { margin: 0, minWidth: '18rem', maxWidth: '48rem', overflowX: 'auto' },
});

const HELD = 'Sessions held';
const DUE = 'Sessions due';

/**
 * Sessions held against sessions due per half term, as a grouped bar chart (@fluentui/react-charts),
 * with the same numbers in a table right below it for screen readers and anyone who prefers numbers.
 * The chart is a figure named by the heading and described by a sentence of the numbers.
 */
export function HeldDueChart({ title, windows }: { readonly title: string; readonly windows: readonly WindowTally[] }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const headingId = useId();
  const descriptionId = useId();
  const data = useMemo<GroupedVerticalBarChartData[]>(
    () =>
      windows.map((w) => ({
        name: w.label,
        series: [
          { key: 'held', data: w.held, legend: HELD, xAxisCalloutData: w.label, yAxisCalloutData: `${w.held} held` },
          { key: 'due', data: w.due, legend: DUE, xAxisCalloutData: w.label, yAxisCalloutData: `${w.due} due` },
        ],
      })),
    [windows],
  );
  const description = tallySentence(windows);

  return (
    <section className={screen.stack} aria-labelledby={headingId}>
      <h4 id={headingId} className={screen.h4}>
        {title}
      </h4>
      {windows.length === 0 ? (
        <p className={screen.text}>{description}</p>
      ) : (
        <>
          <figure aria-labelledby={headingId} aria-describedby={descriptionId} className={styles.chart}>
            <GroupedVerticalBarChart
              data={data}
              height={260}
              chartTitle={`${title}: sessions held against sessions due`}
              yAxisTitle="Sessions"
              xAxisTitle="Half term"
              hideLabels={false}
              roundCorners
              svgProps={{ 'aria-describedby': descriptionId }}
            />
            <figcaption id={descriptionId} className={screen.small}>
              {description}
            </figcaption>
          </figure>
          <DataTable label={`${title}: held and due, as a table`} caption={`${title}: sessions held and due per half term`}>
            <thead>
              <tr>
                <th scope="col">Half term</th>
                <th scope="col">Held</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={`${w.schoolId}|${w.windowId}`}>
                  <th scope="row">{w.label}</th>
                  <td>{w.held}</td>
                  <td>{w.due}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}
