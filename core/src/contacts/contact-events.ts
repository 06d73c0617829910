// The contact event is a core event (listed in coreEvents); re-exported here for the contacts module.
export { contactUpdated, type ContactChanges } from '../bus/core-events.ts'
