package io.keyward.activities.hsm;

import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.policy.ProtectionLevel;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which provider serves which protection level. Each level goes to the provider that gives exactly
 * that level, else to the weakest provider that still satisfies it (so a RESTRICTED key does not
 * take an ULTRA-grade HSM slot); a level no provider satisfies is refused, never downgraded.
 *
 * <p>Development mode ({@code allowSoftwareForHsmLevels}) serves every level from the software
 * provider and says so once, loudly, at construction: keys made that way are not HSM-protected,
 * whatever their classification, and their {@code protection} attribute says so.
 */
public final class ProviderRouting {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRouting.class);

  private final List<KeyProvider> providers;
  private final Map<ProtectionLevel, KeyProvider> byLevel = new EnumMap<>(ProtectionLevel.class);

  /**
   * @param providers the configured providers; asked in this order for keys they hold
   * @param allowSoftwareForHsmLevels development only: serve every level from the provider named
   *     {@value SoftwareKeyProvider#NAME}, which must be among {@code providers}
   */
  public ProviderRouting(List<KeyProvider> providers, boolean allowSoftwareForHsmLevels) {
    Objects.requireNonNull(providers, "providers");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("configure at least one key provider");
    }
    this.providers = List.copyOf(providers);
    if (allowSoftwareForHsmLevels) {
      KeyProvider software =
          this.providers.stream()
              .filter(p -> SoftwareKeyProvider.NAME.equals(p.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "serving HSM protection levels from software needs the "
                              + SoftwareKeyProvider.NAME
                              + " provider, which is not configured"));
      for (ProtectionLevel level : ProtectionLevel.values()) {
        byLevel.put(level, software);
      }
      LOG.warn(
          "Development mode: every protection level, including {} and {}, is served by the {}"
              + " key provider; keys are not HSM-protected",
          ProtectionLevel.DEDICATED_HSM,
          ProtectionLevel.MANAGED_HSM,
          SoftwareKeyProvider.NAME);
    } else {
      for (ProtectionLevel level : ProtectionLevel.values()) {
        this.providers.stream()
            .filter(p -> level.isSatisfiedBy(p.protection()))
            .max(Comparator.comparingInt(p -> p.protection().ordinal()))
            .ifPresent(p -> byLevel.put(level, p));
      }
    }
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

  public List<KeyProvider> providers() {
    return providers;
  }
}
