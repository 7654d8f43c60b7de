package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which provider serves which protection level. Each level goes to the provider that gives exactly
 * that level, else to the weakest provider that still satisfies it (so a RESTRICTED key does not
 * take an ULTRA-grade HSM slot); a level no provider satisfies is refused, never downgraded.
 *
 * <p>Development mode routes the same way, with the software provider standing in at each HSM level
 * that no configured provider gives exactly: a level a provider is configured at goes to it, as in
 * production, and the others go to software instead of being refused or moved up to a stronger
 * provider. A warning at construction names the stand-in levels: keys made that way are not
 * HSM-protected, whatever their classification, and their {@code protection} attribute says so. A
 * laptop with a SoftHSM2 token configured as its dedicated HSM therefore keeps its ULTRA keys in
 * the token and its CONFIDENTIAL keys in software.
 */
public final class ProviderRouting {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRouting.class);

  private final List<KeyProvider> providers;
  private final Map<ProtectionLevel, KeyProvider> byLevel = new EnumMap<>(ProtectionLevel.class);
  private final Set<ProtectionLevel> standIns = EnumSet.noneOf(ProtectionLevel.class);

  /**
   * @param providers the configured providers; asked in this order for keys they hold
   * @param developmentMode serve the HSM levels no provider is configured at from the provider
   *     named {@value SoftwareKeyProvider#NAME}, which must then be among {@code providers}
   */
  public ProviderRouting(List<KeyProvider> providers, boolean developmentMode) {
    Objects.requireNonNull(providers, "providers");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("configure at least one key provider");
    }
    this.providers = List.copyOf(providers);
    for (ProtectionLevel level : ProtectionLevel.values()) {
      this.providers.stream()
          .filter(p -> level.isSatisfiedBy(p.protection()))
          .max(Comparator.comparingInt(p -> p.protection().ordinal()))
          .ifPresent(p -> byLevel.put(level, p));
    }
    if (developmentMode) {
      standInForMissingLevels();
    }
  }

  /**
   * Puts the software provider at each level no configured provider is set up for exactly, where
   * production would refuse the level or move it up to a stronger provider. Without a software
   * provider, only a level production refuses is an error.
   */
  private void standInForMissingLevels() {
    Optional<KeyProvider> software =
        providers.stream().filter(p -> SoftwareKeyProvider.NAME.equals(p.name())).findFirst();
    Set<ProtectionLevel> missing = EnumSet.noneOf(ProtectionLevel.class);
    for (ProtectionLevel level : ProtectionLevel.values()) {
      KeyProvider chosen = byLevel.get(level);
      boolean setUpForLevel = providers.stream().anyMatch(p -> p.protection() == level);
      if (chosen == null || (!setUpForLevel && software.isPresent() && chosen != software.get())) {
        missing.add(level);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    KeyProvider stand =
        software.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "serving "
                        + missing
                        + " from software needs the "
                        + SoftwareKeyProvider.NAME
                        + " provider, which is not configured"));
    missing.forEach(level -> byLevel.put(level, stand));
    standIns.addAll(missing);
    LOG.warn(
        "Development mode: the {} key provider stands in for {}, which no configured provider"
            + " is set up for; keys of those levels are not HSM-protected",
        SoftwareKeyProvider.NAME,
        missing.stream().map(ProtectionLevel::name).collect(Collectors.joining(", ")));
  }

  /**
   * The provider that creates keys requiring {@code level}.
   *
   * @throws ProtectionUnavailableException when no configured provider gives that protection
   */
  public KeyProvider forLevel(ProtectionLevel level) {
    Objects.requireNonNull(level, "protection level");
    KeyProvider provider = byLevel.get(level);
    if (provider == null) {
      throw new ProtectionUnavailableException(
          level,
          "no configured key provider gives protection level "
              + level
              + "; configured: "
              + providers.stream()
                  .map(p -> p.name() + " (" + p.protection() + ")")
                  .collect(Collectors.joining(", ")));
    }
    return provider;
  }

  /** The first provider, in configuration order, that holds a version of {@code key}. */
  public Optional<KeyProvider> holderOf(KeyRef key) {
    Objects.requireNonNull(key, "key");
    return providers.stream().filter(p -> p.find(key, null).isPresent()).findFirst();
  }

  /**
   * True when development mode serves {@code level} from software because no configured provider
   * gives it.
   */
  public boolean softwareStandsInFor(ProtectionLevel level) {
    return standIns.contains(level);
  }

  public List<KeyProvider> providers() {
    return providers;
  }
}
