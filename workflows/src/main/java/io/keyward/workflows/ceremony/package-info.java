/**
 * The toolkit every ceremony workflow uses, so that each implementation reads as its runbook
 * section: the workflow clock, one description of an activity failure, idempotency keys, audit
 * detail builders, one "record this step" call ({@link
 * io.keyward.workflows.ceremony.CeremonyRecord}) and one notifier that never blocks a ceremony
 * ({@link io.keyward.workflows.ceremony.CeremonyNotifier}). Workflow code only, except the plain
 * builders. Ceremony packages depend on this one, never the other way round.
 */
package io.keyward.workflows.ceremony;
