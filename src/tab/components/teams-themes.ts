// The Teams themes, in their own chunk: only a tab running inside Teams / Outlook downloads them.
export { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
