import { Screen } from '../../shell/Screen.js';

export default function Placeholder() {
  return <Screen title="Book the year">{null}</Screen>;
}
