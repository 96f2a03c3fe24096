export { DIVISIONS, type Division, type BankHoliday } from './divisions.js';
export { easterSunday } from './easter.js';
export { computeBankHolidays } from './compute-bank-holidays.js';
export { bankHolidaysFor, bankHolidayDates } from './bank-holidays.js';
export { govUkBankHolidaysSchema, type GovUkBankHolidays } from './gov-uk-format.js';
