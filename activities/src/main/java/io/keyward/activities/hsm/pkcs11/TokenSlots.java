package io.keyward.activities.hsm.pkcs11;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a token's slot by its label. SunPKCS11 selects tokens by slot only, and a token's slot id
 * can change (SoftHSM2 gives each new token a random one), so the label is what people configure.
 * The slot list comes from the JDK's own PKCS#11 wrapper, reached by reflection; the same library
 * instance is then shared with SunPKCS11.
 *
 * <p>Misuse: the wrapper package is not exported, so without the JVM option {@value #ADD_EXPORTS}
 * this fails with a message saying so.
 */
final class TokenSlots {
  static final String ADD_EXPORTS =
      "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
  private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
  private static final long CKF_OS_LOCKING_OK = 0x2L;

  private TokenSlots() {}

  /**
   * The slot holding the token labelled {@code label}.
   *
   * @throws IllegalArgumentException when no token, or more than one, carries the label
   * @throws IllegalStateException when the wrapper is not accessible or the library fails
   */
  static long slotOf(Path library, String label) {
    List<Long> matches = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try {
      Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
      Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
      Object initArgs = initArgsType.getConstructor().newInstance();
      initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
      Method getInstance =
          pkcs11.getMethod("getInstance", String.class, String.class, initArgsType, boolean.class);
      Object module =
          getInstance.invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
      long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
      Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
      for (long slot : slots) {
        Object info = tokenInfo.invoke(module, slot);
        String tokenLabel =
            new String((char[]) info.getClass().getField("label").get(info)).strip();
        seen.add(tokenLabel.isEmpty() ? "(unlabelled)" : "'" + tokenLabel + "'");
        if (tokenLabel.equals(label)) {
          matches.add(slot);
        }
      }
    } catch (IllegalAccessException | ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalStateException(
          "finding PKCS#11 token '"
              + label
              + "' by label needs the JVM option "
              + ADD_EXPORTS
              + "; or configure its slot instead of its label");
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "PKCS#11 library "
              + library
              + " failed to list its tokens: "
              + e.getCause().getClass().getSimpleName()
              + ": "
              + e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot use the JDK's PKCS#11 wrapper: " + e);
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(
          "no PKCS#11 token labelled '" + label + "' in " + library + "; tokens present: " + seen);
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException(
          "more than one PKCS#11 token is labelled '"
              + label
              + "' in "
              + library
              + " (slots "
              + matches
              + "); configure the slot");
    }
    return matches.get(0);
  }
}
