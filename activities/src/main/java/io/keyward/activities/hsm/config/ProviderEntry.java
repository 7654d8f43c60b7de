package io.keyward.activities.hsm.config;

import io.keyward.workflows.policy.ProtectionLevel;
import java.nio.file.Path;
import java.util.Map;

/**
 * One provider as the providers file describes it. Which fields apply depends on {@code type}:
 *
 * <ul>
 *   <li>{@code software}: {@code directory} (default: the worker's keys directory), {@code
 *       masterSecretFile} (else {@code KEYWARD_MASTER_SECRET} or {@code
 *       KEYWARD_MASTER_SECRET_FILE});
 *   <li>{@code pkcs11}: {@code name}, {@code library}, one of {@code slot}, {@code slotListIndex},
 *       {@code tokenLabel}, and where the PIN is: {@code pinEnv} (default {@code
 *       KEYWARD_PKCS11_PIN}) or {@code pinFile};
 *   <li>{@code azure-key-vault}: {@code name}, {@code protection}, {@code vaults} (vault name to
 *       URL), optionally {@code managedIdentityClientId}, {@code maxRetries}, {@code
 *       maxRetryAfterSeconds}.
 * </ul>
 *
 * Secrets are never fields: the file names where they are.
 */
public record ProviderEntry(
    String type,
    String name,
    Path directory,
    Path masterSecretFile,
    Path library,
    Long slot,
    Integer slotListIndex,
    String tokenLabel,
    String pinEnv,
    Path pinFile,
    ProtectionLevel protection,
    Map<String, String> vaults,
    String managedIdentityClientId,
    Integer maxRetries,
    Integer maxRetryAfterSeconds) {}
