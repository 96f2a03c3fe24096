import { Screen } from '../../shell/Screen.js';

export default function Placeholder() {
  return <Screen title="School year">{null}</Screen>;
}
