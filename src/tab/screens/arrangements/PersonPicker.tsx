import { Combobox, Option, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { searchPeople, type Person } from '../../api/operations/arrangements.js';
import { useShell } from '../../shell/contexts.js';

const useStyles = makeStyles({
  job: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, display: 'block' },
  // Fluent's combobox asks for 250px; let it shrink to a 320px-wide Teams tab.
  root: { minWidth: 0, width: '100%' },
  name: { display: 'block' },
  // A comma for screen readers between name and job title, invisible on screen.
  separator: { fontSize: 0 },
});

/** Wait this long after typing stops before asking the directory. */
const SEARCH_DELAY_MS = 200;

/**
 * Chooses a member of staff from the directory (searchPeople): type part of a name, pick from the
 * list (arrow keys and Enter, or click). A combobox inside a Fluent Field, which labels it and ties
 * any validation message to it.
 */
export function PersonPicker({ value, onChange, id }: { readonly value: Person | null; readonly onChange: (person: Person | null) => void; readonly id?: string }) {
  const { api } = useShell();
  const styles = useStyles();
  const [query, setQuery] = useState(value?.displayName ?? '');
  const [people, setPeople] = useState<readonly Person[]>([]);
  const [searching, setSearching] = useState(false);
  // Opened by typing or pasting (Fluent opens it on key presses only), closed as Fluent decides.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const text = query === value?.displayName ? '' : query;
    setSearching(true);
    const timer = setTimeout(() => {
      searchPeople(api, text.trim(), controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          setPeople(found);
          setSearching(false);
        },
        () => {
          if (!controller.signal.aborted) setSearching(false);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query, value?.displayName]);

  return (
    <Combobox
      id={id}
      className={styles.root}
      value={query}
      selectedOptions={value ? [value.id] : []}
      placeholder="Type a name"
      open={open}
      onOpenChange={(_, data) => setOpen(data.open)}
      onInput={(event) => {
        const text = (event.target as HTMLInputElement).value;
        setQuery(text);
        setOpen(true);
        if (value && text !== value.displayName) onChange(null);
      }}
      onOptionSelect={(_, data) => {
        const person = people.find((p) => p.id === data.optionValue) ?? null;
        onChange(person);
        setQuery(person?.displayName ?? '');
      }}
    >
      {people.length === 0 ? (
        <Option key="none" value="" text="" disabled>
          {searching ? 'Searching…' : 'No one found'}
        </Option>
      ) : (
        people.map((p) => (
          <Option key={p.id} value={p.id} text={p.displayName}>
            <span>
              <span className={styles.name}>
                {p.displayName}
                {p.jobTitle ? <span className={styles.separator}>, </span> : null}
              </span>
              {p.jobTitle ? <span className={styles.job}>{p.jobTitle}</span> : null}
            </span>
          </Option>
        ))
      )}
    </Combobox>
  );
}
