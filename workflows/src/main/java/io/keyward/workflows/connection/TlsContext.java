package io.keyward.workflows.connection;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.keyward.workflows.integration.SecretFiles;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS context of a {@link TemporalConnection}: trusted CAs and the client's certificate. */
final class TlsContext {
  private TlsContext() {}

  static SslContext build(TemporalConnection connection, SecretFiles files) {
    SimpleSslContextBuilder builder =
        connection.clientCertFile() == null
            ? SimpleSslContextBuilder.noKeyOrCertChain()
            : SimpleSslContextBuilder.forPKCS8(
                stream(files, connection.clientCertFile(), "client certificate"),
                stream(files, connection.clientKeyFile(), "client key"));
    if (connection.serverCaFile() != null) {
      builder.setTrustManager(
          trustManager(stream(files, connection.serverCaFile(), "server CA"), connection));
    }
    try {
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the client certificate "
              + connection.clientCertFile()
              + " or its key "
              + connection.clientKeyFile()
              + " is not a PEM certificate with its unencrypted PKCS#8 PEM key ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static TrustManager trustManager(InputStream pem, TemporalConnection connection) {
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(pem);
      if (certificates.isEmpty()) {
        throw new GeneralSecurityException("no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          return manager;
        }
      }
      throw new GeneralSecurityException("no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "the server CA file "
              + connection.serverCaFile()
              + " holds no PEM certificate ("
              + e.getMessage()
              + ")");
    }
  }

  private static InputStream stream(SecretFiles files, Path file, String what) {
    try {
      return new ByteArrayInputStream(files.read(file).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }
}
