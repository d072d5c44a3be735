// The portal's mobility pages: what a member away owes (待办), the monthly report, the reminders.
export { MyInbox } from './mobility/InboxPage';
export { useInbox } from './mobility/portal-mobility';
export { MyReports } from './mobility/ReportsPage';
export { MyTodo, TodoBanner } from './mobility/TodoPage';
