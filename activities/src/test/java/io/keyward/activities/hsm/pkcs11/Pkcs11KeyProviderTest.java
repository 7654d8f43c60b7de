package io.keyward.activities.hsm.pkcs11;

import static io.keyward.workflows.policy.KeyOperation.DECRYPT;
import static io.keyward.workflows.policy.KeyOperation.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.activities.hsm.KeyOperationRefusedException;
import io.keyward.activities.hsm.conformance.Specs;
import io.keyward.workflows.common.KeyRef;
import io.keyward.workflows.hsm.KeyVersionInfo;
import io.keyward.workflows.policy.EcCurve;
import io.keyward.workflows.policy.KeySpec;
import io.keyward.workflows.policy.ProtectionLevel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#11 provider against a real SoftHSM2 token, checked from outside Keyward: OpenSC's {@code
 * pkcs11-tool} in a process of its own, and a second SunPKCS11 session.
 */
class Pkcs11KeyProviderTest {
  private static final String VAULT = "hsm-ultra-001";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static SoftHsm softHsm;
  private static Pkcs11KeyProvider provider;

  @TempDir Path files;

  @BeforeAll
  static void open() {
    softHsm = SoftHsm.shared();
    provider = new Pkcs11KeyProvider(softHsm.settings("dedicated-hsm"), softHsm.main().userPin());
  }

  @Test
  void keysAreMadeInsideTheTokenSensitiveAndNeverExtractable() {
    KeyRef rsa = newKey("root-signing-key");
    KeyRef ec = newKey("intermediate-ca-key");
    KeyRef aes = newKey("master-wrapping-key");
    KeyRef hmac = newKey("audit-mac-key");
    String rsaVersion = create(rsa, Specs.rsa(2048)).version();
    String ecVersion = create(ec, Specs.ec(EcCurve.P_384)).version();
    String aesVersion = create(aes, Specs.aes(256)).version();
    String hmacVersion = create(hmac, Specs.hmac(256)).version();

    TokenListing token = TokenListing.parse(softHsm.pkcs11Tool("--list-objects"));

    for (String alias :
        List.of(TokenAliases.key(rsa, rsaVersion), TokenAliases.key(ec, ecVersion))) {
      assertThat(token.privateKeyWithId(alias))
          .as(alias)
          .hasValueSatisfying(
              key -> assertThat(key.sensitiveAndNeverExtractable()).as(key.access()).isTrue());
      assertThat(token.labelled(alias, false)).as("certificate of " + alias).isPresent();
    }
    for (String alias :
        List.of(TokenAliases.key(aes, aesVersion), TokenAliases.key(hmac, hmacVersion))) {
      assertThat(token.labelled(alias, true))
          .as(alias)
          .hasValueSatisfying(
              key -> assertThat(key.sensitiveAndNeverExtractable()).as(key.access()).isTrue());
      assertThat(token.labelled(TokenAliases.record(aes, aesVersion), false)).isPresent();
    }
    assertThat(token.labelled(TokenAliases.enabled(rsa, rsaVersion), true)).isPresent();
    assertThat(token.objects())
        .filteredOn(TokenListing.TokenObject::isSecretKey)
        .as("secret keys without a label would be twins left behind by storing")
        .allSatisfy(key -> assertThat(key.label()).isNotBlank());
  }

  @Test
  void theTokensOwnCertificateVerifiesASignatureOutsideKeyward() throws Exception {
    KeyRef key = newKey("release-signing-key");
    KeyVersionInfo made = create(key, Specs.rsa(3072));
    byte[] manifest = "release 4.2 manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = provider.sign(key, null, manifest);
    Path exported = files.resolve("certificate.der");

    softHsm.pkcs11Tool(
        "--read-object",
        "--type",
        "cert",
        "--label",
        TokenAliases.key(key, made.version()),
        "--output-file",
        exported.toString());

    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(exported)));
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(TokenCrypto.PSS_SHA256);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(manifest);
    assertThat(verifier.verify(signature)).isTrue();
    VersionRecord record =
        RecordCertificates.read(certificate, TokenAliases.key(key, made.version()));
    assertThat(record.version()).isEqualTo(made.version());
    assertThat(record.size()).isEqualTo(3072);
    assertThat(record.tags()).containsAllEntriesOf(Specs.TAGS);
  }

  @Test
  void disablingRemovesTheEnabledMarkerFromTheToken() {
    KeyRef key = newKey("payments-signing-key");
    String version = create(key, Specs.ec(EcCurve.P_256)).version();
    String marker = TokenAliases.enabled(key, version);

    provider.setEnabled(key, version, false);
    boolean presentWhileDisabled =
        TokenListing.parse(softHsm.pkcs11Tool("--list-objects", "--type", "secrkey"))
            .labelled(marker, true)
            .isPresent();
    provider.setEnabled(key, version, true);
    boolean presentWhenEnabled =
        TokenListing.parse(softHsm.pkcs11Tool("--list-objects", "--type", "secrkey"))
            .labelled(marker, true)
            .isPresent();

    assertThat(presentWhileDisabled).isFalse();
    assertThat(presentWhenEnabled).isTrue();
  }

  @Test
  void anotherSessionOnTheTokenSeesTheSameVersionsAndState() {
    KeyRef key = newKey("tde-wrapping-key");
    KeyVersionInfo first = create(key, Specs.rsa(2048));
    KeyVersionInfo second = create(key, Specs.rsa(2048));
    provider.setEnabled(key, first.version(), false);
    byte[] ciphertext =
        provider.encrypt(key, null, "database key".getBytes(StandardCharsets.UTF_8));

    Pkcs11KeyProvider bySlot =
        new Pkcs11KeyProvider(
            new Pkcs11Settings("dedicated-hsm", SoftHsm.LIBRARY, softHsm.main().slot(), null, null),
            softHsm.main().userPin());

    assertThat(bySlot.listVersions(key)).isEqualTo(provider.listVersions(key));
    assertThat(bySlot.find(key, first.version())).map(KeyVersionInfo::enabled).contains(false);
    assertThat(bySlot.find(key, null)).map(KeyVersionInfo::version).contains(second.version());
    assertThat(bySlot.decrypt(key, null, ciphertext))
        .isEqualTo("database key".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theTokenLabelPicksTheTokenAndAnUnknownLabelIsNamedInTheError() {
    KeyRef key = newKey("main-token-key");
    create(key, Specs.ec(EcCurve.P_256));

    Pkcs11KeyProvider spare =
        new Pkcs11KeyProvider(
            new Pkcs11Settings("spare-hsm", SoftHsm.LIBRARY, null, null, SoftHsm.SPARE_TOKEN),
            softHsm.spare().userPin());

    assertThat(spare.listKeys()).doesNotContain(key);
    assertThat(provider.listKeys()).contains(key);
    assertThatThrownBy(
            () ->
                new Pkcs11KeyProvider(
                    new Pkcs11Settings("missing", SoftHsm.LIBRARY, null, null, "no-such-token"),
                    softHsm.spare().userPin()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PKCS#11 token labelled 'no-such-token'")
        .hasMessageContaining("'" + SoftHsm.MAIN_TOKEN + "'")
        .hasMessageContaining("'" + SoftHsm.SPARE_TOKEN + "'");
  }

  /**
   * PKCS#11 login state belongs to the process, not the session: a token this JVM is already logged
   * in to accepts any PIN, so the check uses a token nothing else here logs in to.
   */
  @Test
  void aWrongPinIsRefusedWithoutRepeatingIt() {
    String wrong = "wrong-" + HexFormat.of().formatHex(new byte[] {7, 7, 7});
    Pkcs11Pin pin = Pkcs11Pin.of(wrong.toCharArray(), "environment variable KEYWARD_PKCS11_PIN");

    assertThatThrownBy(
            () ->
                new Pkcs11KeyProvider(
                    new Pkcs11Settings(
                        "untouched-hsm", SoftHsm.LIBRARY, softHsm.untouched().slot(), null, null),
                    pin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the token's user PIN")
        .hasMessageContaining("KEYWARD_PKCS11_PIN")
        .hasMessageNotContaining(wrong);
    assertThat(pin.toString()).doesNotContain(wrong);
  }

  @Test
  void backupsAreRefusedBecauseTheKeysCannotLeaveTheToken() {
    KeyRef key = newKey("non-extractable-key");
    create(key, Specs.ec(EcCurve.P_256));

    assertThatThrownBy(() -> provider.backup(key))
        .isInstanceOf(KeyOperationRefusedException.class)
        .hasMessageContaining("non-extractable")
        .hasMessageContaining("HSM's own tools");
    assertThatThrownBy(() -> provider.restore(new byte[] {1}, key))
        .isInstanceOf(KeyOperationRefusedException.class);
  }

  @Test
  void deletingDestroysEveryObjectOfTheKeyAndLeavesForeignObjectsAlone() {
    KeyRef key = newKey("scratch-key");
    create(key, Specs.ec(EcCurve.P_256));
    create(key, Specs.aes(128));
    String foreign = "foreign-" + randomHex();
    softHsm.pkcs11Tool(
        "--keypairgen", "--key-type", "EC:prime256v1", "--label", foreign, "--id", "0a0b");

    provider.delete(key);

    TokenListing token = TokenListing.parse(softHsm.pkcs11Tool("--list-objects"));
    assertThat(token.mentioning(TokenAliases.keyPrefix(key))).isEmpty();
    assertThat(token.objects()).anyMatch(o -> foreign.equals(o.label()));
    assertThat(provider.listKeys()).doesNotContain(key);
    assertThat(provider.listKeys()).allMatch(k -> !k.name().startsWith("foreign"));
  }

  @Test
  void rsaDecryptionInTheTokenRejectsAlteredCiphertext() {
    KeyRef key = newKey("oaep-key");
    provider.create(
        Specs.withOperations(
            key, Specs.rsa(2048), ProtectionLevel.DEDICATED_HSM, Set.of(ENCRYPT, DECRYPT), null));
    byte[] plaintext = "wrapped data key".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = provider.encrypt(key, null, plaintext);

    assertThat(provider.decrypt(key, null, ciphertext)).isEqualTo(plaintext);
    ciphertext[ciphertext.length - 1] ^= 1;
    assertThatThrownBy(() -> provider.decrypt(key, null, ciphertext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("altered ciphertext");
  }

  @Test
  void thePinComesFromAFileOrTheEnvironmentAndIsNeverShown() throws Exception {
    Path file = files.resolve("pin");
    Files.writeString(file, "4711-secret\n");

    Pkcs11Pin fromFile = Pkcs11Pin.fromFile(file);
    Pkcs11Pin fromEnvironment =
        Pkcs11Pin.fromEnvironment(Map.of("HSM_PIN", "4711-secret"), "HSM_PIN");

    assertThat(fromFile.chars()).containsExactly("4711-secret".toCharArray());
    assertThat(fromEnvironment.chars()).containsExactly("4711-secret".toCharArray());
    // The PIN's words, not its digits alone: a temporary folder's random name may hold "4711".
    assertThat(fromFile.toString()).doesNotContain("secret").contains(file.toString());
    assertThat(fromEnvironment.toString()).doesNotContain("secret");
    assertThatThrownBy(() -> Pkcs11Pin.fromEnvironment(Map.of(), "HSM_PIN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HSM_PIN is not set");
    assertThatThrownBy(() -> Pkcs11Pin.fromFile(files.resolve("absent")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void settingsNameTheTokenInExactlyOneWay() {
    assertThatThrownBy(() -> new Pkcs11Settings("hsm", SoftHsm.LIBRARY, 1L, null, "label"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one way");
    assertThatThrownBy(() -> new Pkcs11Settings("hsm", SoftHsm.LIBRARY, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one way");
    assertThatThrownBy(
            () -> new Pkcs11Settings("hsm", Path.of("/no/such/libCryptoki2.so"), 0L, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }

  private static String randomHex() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static KeyVersionInfo create(KeyRef key, KeySpec spec) {
    return provider.create(Specs.create(key, spec, ProtectionLevel.DEDICATED_HSM, null));
  }

  private static KeyRef newKey(String name) {
    return new KeyRef(VAULT, name + "-" + randomHex());
  }
}
