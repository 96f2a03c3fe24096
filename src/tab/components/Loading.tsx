import { Spinner } from '@fluentui/react-components';

export function Loading({ label }: { readonly label: string }) {
  return (
    <div role="status">
      <Spinner size="medium" labelPosition="after" label={`${label}…`} />
    </div>
  );
}
