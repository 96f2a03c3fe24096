import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  code: {
    ...typographyStyles.body1,
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    wordBreak: 'break-all',
    margin: 0,
  },
});

/** A SHA-256 fingerprint in full, in a monospace font, wrapping anywhere on a narrow screen. */
export function Fingerprint({ value }: { readonly value: string }) {
  const styles = useStyles();
  return (
    <code className={styles.code} translate="no">
      {value}
    </code>
  );
}
