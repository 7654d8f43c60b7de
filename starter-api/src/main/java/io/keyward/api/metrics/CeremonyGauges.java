package io.keyward.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The runbook's KPIs the API reads from Temporal's visibility ({@link WaitingCeremonies}), as
 * gauges computed on scrape: {@value #APPROVALS_WAITING} and {@value #OLDEST_WAIT} by {@code kind},
 * and {@value #BREAK_GLASS_ACTIVE}. Every API replica reports the same values: aggregate them with
 * {@code max}, not {@code sum}.
 */
public final class CeremonyGauges {
  public static final String APPROVALS_WAITING = "keyward_approvals_waiting";
  public static final String OLDEST_WAIT = "keyward_approvals_oldest_wait_seconds";
  public static final String BREAK_GLASS_ACTIVE = "keyward_break_glass_sessions_active";

  private CeremonyGauges() {}

  public static void register(MeterRegistry registry, WaitingCeremonies waiting) {
    for (String kind : WaitingCeremonies.KINDS) {
      Gauge.builder(APPROVALS_WAITING, waiting, w -> w.snapshot().waiting(kind))
          .description("Ceremonies waiting for an approval or authorisation")
          .tag("kind", kind)
          .strongReference(true)
          .register(registry);
      Gauge.builder(OLDEST_WAIT, waiting, w -> w.snapshot().oldestWaitSeconds(kind))
          .description("How long the oldest waiting approval has waited")
          .tag("kind", kind)
          .baseUnit("seconds")
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(BREAK_GLASS_ACTIVE, waiting, w -> w.snapshot().breakGlassActiveOrNaN())
        .description("Break-glass sessions whose access is live")
        .strongReference(true)
        .register(registry);
  }
}
